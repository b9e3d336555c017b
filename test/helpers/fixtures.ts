// Credentials and bodies shared by the client tests, as the facts file documents them.
export const LOGIN = "john@example.com";
export const API_KEY = "c0ffee-secret-api-key-1234";
export const TOKEN = "dal:SECRET-oauth-token-5678";
export const BASIC = `Basic ${Buffer.from(`${LOGIN}:${API_KEY}`).toString("base64")}`;

export const WEBHOOK = {
  id: "39612eee5f1b431217aafb9de19c1e32",
  licence: 12345,
  event_type: "chat_started",
  data_types: ["chat", "visitor"],
  url: "https://my-company.com/parse_webhook.php",
  verified: true,
  token: "0adec158e423091d5a36c9fce95775db",
} as const;

export const TAG = {
  name: "sales",
  author: "john.doe@mycompany.com",
  creation_date: 1402989014,
  count: { inChats: 4, inTickets: 1 },
  group: 1,
} as const;
