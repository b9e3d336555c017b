/** This package's version; a test keeps it equal to package.json's. */
export const PACKAGE_VERSION = "0.1.0";

/** The LiveChat REST API version this client speaks, sent as `X-API-Version`. */
export const API_VERSION = 2;

/** Sent as `User-Agent` on every request. */
export const USER_AGENT = `livechat-rest-v2/${PACKAGE_VERSION}`;
