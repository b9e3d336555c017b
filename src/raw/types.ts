// The raw client's types: openapi-fetch's client over the spec's paths, with the per-call
// options it takes here (no per-call fetch, Request or serializers: every call goes through the
// client's transport and encoders; `timeoutMs` added), form bodies whose arrays are non-empty
// (the encoder refuses an empty one), and middleware typed with what it receives at run time,
// a PlainRequest, not a Request.
import type { FetchResponse, ParamsOption, ParseAs } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { PlainRequest } from "./request.js";

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type Media = `${string}/${string}`;

/** The spec's path templates that have an `M` operation. */
export type PathsWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O extends Record<string, any> } ? O : never;

type NonEmpty<V> = V extends readonly (infer E)[] ? readonly [E, ...E[]] : V;
/** A form body with every array field non-empty, as the encoder requires (the spec's `minItems: 1`). */
export type FormBody<B> = { [K in keyof B]: NonEmpty<B[K]> };
type BodyOf<Op> = Op extends { requestBody: { content: { "application/x-www-form-urlencoded": infer B } } } ? B : never;
type BodyOption<Op> = [BodyOf<Op>] extends [never] ? { body?: never } : { body: FormBody<BodyOf<Op>> };

/** What every raw call takes besides `params` and `body`. */
export interface RawCallOptions {
  /** Extra headers for this call (the client's own cannot be overridden). */
  headers?: Record<string, string>;
  /** Aborts the call; it rejects with the signal's reason and is not retried. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Another base URL for this call, held to the client's rules (https, or http for loopback hosts); middleware must keep it. */
  baseUrl?: string;
  /** How to read a 2xx body (openapi-fetch's option). Default "json". */
  parseAs?: ParseAs;
  /** Middleware for this call only, after the client's. */
  middleware?: LiveChatMiddleware[];
}

/** The second argument of a raw call to `M P`. */
export type RawInit<P extends keyof paths, M extends Method> = ParamsOption<Operation<P, M>> & BodyOption<Operation<P, M>> & RawCallOptions;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type MaybeOptional<I> = RequiredKeys<I> extends never ? I | undefined : I;

/** `T`'s field `K`, without undefined (never when `T` has no such field). */
type Field<T, K extends PropertyKey> = T extends { [Q in K]?: infer V } ? NonNullable<V> : never;
/** `I` with each key that `Shape` lacks typed `never`: an extra key is a compile error where it is written. */
type Only<Shape, I> = { [K in keyof I]: K extends keyof Shape ? I[K] : never };
type OnlyParams<P, I> = { [K in keyof I]: K extends "path" | "query" | "cookie" ? Only<Field<P, K>, I[K]> : K extends keyof P ? I[K] : never };
/**
 * A call's init `I` held to the spec's names, as the run-time checks hold it (operations.ts,
 * options.ts): an inferred generic escapes TypeScript's excess-property check, so an option, a
 * query or path parameter or a body field the operation does not have would otherwise compile.
 */
type Exact<Init, I> = I & {
  [K in keyof I]: K extends "params" ? OnlyParams<Field<Init, "params">, I[K]> : K extends "body" ? Only<Field<Init, "body">, I[K]> : K extends keyof Init ? I[K] : never;
};
type InitParam<Init, I> = RequiredKeys<Init> extends never ? [init?: Exact<Init, I>] : [init: Exact<Init, I>];

/** A call of one HTTP method: `raw.GET("/tags", { params: { query: { group: 1 } } })`. */
export type RawMethod<M extends Method> = <P extends PathsWith<M>, I extends MaybeOptional<RawInit<P, M>>>(
  path: P,
  ...init: InitParam<RawInit<P, M>, I>
) => Promise<FetchResponse<Operation<P, M>, I, Media>>;

/** What middleware receives: the request as sent, a PlainRequest. */
export interface RawMiddlewareParams {
  /** The request about to be sent (after earlier middleware). */
  request: PlainRequest;
  /** The spec's path template, such as `/tags/{tag}`. */
  readonly schemaPath: string;
  /** The call's `params`. */
  readonly params: { query?: Record<string, unknown>; header?: Record<string, unknown>; path?: Record<string, unknown>; cookie?: Record<string, unknown> };
  /** An ID for this call. */
  readonly id: string;
  /** The call's base URL and parseAs. */
  readonly options: { readonly baseUrl: string; readonly parseAs: ParseAs };
}

type OnRequest = (params: RawMiddlewareParams) => void | PlainRequest | Response | undefined | Promise<void | PlainRequest | Response | undefined>;
type OnResponse = (params: RawMiddlewareParams & { response: Response }) => void | Response | undefined | Promise<void | Response | undefined>;
type OnError = (params: RawMiddlewareParams & { error: unknown }) => void | Response | Error | Promise<void | Response | Error>;

/**
 * Middleware as openapi-fetch runs it, typed with what it receives: `onRequest` may return a
 * PlainRequest (to replace the request; it must keep the origin and base path of the call's base
 * URL and be one of the spec's operations) or a Response (to answer without sending).
 */
export type LiveChatMiddleware =
  | { onRequest: OnRequest; onResponse?: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse?: OnResponse; onError: OnError };

/** openapi-fetch's client over the spec's paths, with this package's per-call options and middleware types. */
export interface LiveChatRawClient {
  /** Calls any operation: `raw.request("get", "/tags")`. */
  request<M extends Method, P extends PathsWith<M>, I extends MaybeOptional<RawInit<P, M>>>(
    method: M,
    path: P,
    ...init: InitParam<RawInit<P, M>, I>
  ): Promise<FetchResponse<Operation<P, M>, I, Media>>;
  GET: RawMethod<"get">;
  PUT: RawMethod<"put">;
  POST: RawMethod<"post">;
  DELETE: RawMethod<"delete">;
  /** No operation of the spec uses OPTIONS, HEAD, PATCH or TRACE: these accept no path. */
  OPTIONS: RawMethod<"options">;
  HEAD: RawMethod<"head">;
  PATCH: RawMethod<"patch">;
  TRACE: RawMethod<"trace">;
  /** Adds middleware for every call. */
  use(...middleware: LiveChatMiddleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: LiveChatMiddleware[]): void;
}
