// Lint rules this spec must keep that Redocly's built-in and configurable rules cannot express.
// Loaded by redocly.yaml (`plugins`); rule ids are `livechat/<name>`.

const VERSION_HEADER = "x-api-version";

/** True for an operation under `paths` (the API's), false for one under `webhooks` (LiveChat's POSTs to you). */
const isApiOperation = (location) => location.pointer.startsWith("#/paths/");

/** Every operation documents the X-API-Version header, integer 2, not forced on callers. */
function versionHeader() {
  return {
    Operation: {
      enter(operation, { report, location, resolve }) {
        if (!isApiOperation(location)) return;
        const params = (operation.parameters ?? []).map((p) => resolve(p).node ?? {});
        const header = params.find(
          (p) => p.in === "header" && String(p.name).toLowerCase() === VERSION_HEADER,
        );
        if (!header) {
          report({ message: "Operation must document the X-API-Version header.", location: location.key() });
          return;
        }
        if (header.required !== false || header.schema?.const !== 2) {
          report({
            message: "X-API-Version must be `required: false` (the client sets it) with schema const 2.",
            location: location.child("parameters"),
          });
        }
      },
    },
  };
}

/** Every operation accepts both HTTP Basic and an OAuth bearer token. */
function securityBothSchemes() {
  return {
    Operation: {
      enter(operation, { report, location }) {
        if (!isApiOperation(location)) return;
        const names = new Set((operation.security ?? []).flatMap((req) => Object.keys(req)));
        for (const scheme of ["basicAuth", "oauthBearer"]) {
          if (!names.has(scheme)) {
            report({ message: `Operation must accept the ${scheme} security scheme.`, location: location.key() });
          }
        }
      },
    },
  };
}

const ADDRESSED = /\{[^}]+\}/;

/** Every operation documents 200, 400, 401 and 500; one that addresses a resource, 404 too. */
function documentedStatuses() {
  return {
    PathItem: {
      Operation: {
        enter(operation, { report, location, key }) {
          if (!isApiOperation(location)) return;
          const path = String(location.pointer.split("/paths/")[1] ?? "");
          const wanted = ["200", "400", "401", "500"];
          if (ADDRESSED.test(decodeURIComponent(path.replace(/~1/g, "/")))) wanted.push("404");
          const have = Object.keys(operation.responses ?? {});
          for (const status of wanted) {
            if (!have.includes(status)) {
              report({
                message: `Operation ${String(key)} must document a ${status} response.`,
                location: location.child("responses").key(),
              });
            }
          }
        },
      },
    },
  };
}

/** The API's request bodies are form-encoded; JSON bodies are for inbound webhooks only. */
function formBodies() {
  return {
    Operation: {
      enter(operation, { report, location, resolve }) {
        if (!isApiOperation(location) || !operation.requestBody) return;
        const types = Object.keys(resolve(operation.requestBody).node?.content ?? {});
        if (types.join() !== "application/x-www-form-urlencoded") {
          report({ message: "API request bodies must be application/x-www-form-urlencoded only.", location: location.child("requestBody").key() });
        }
      },
    },
  };
}

const PAIRING = "x-data-types-by-event";

/** The data types named in a webhook description's "chosen at registration (`a`, `b`)". */
function describedDataTypes(description) {
  const list = /chosen at registration \(([^)]*)\)/.exec(description ?? "");
  return list ? [...list[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]) : undefined;
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * EventType's x-data-types-by-event is the one statement of which data types each event sends:
 * one entry per event type, each a non-empty list of distinct DataType values, every data type
 * used; and each inbound payload schema carries exactly its event's data-type keys (its
 * description, where it lists them, says the same).
 */
function dataTypesByEvent() {
  return {
    Root: {
      leave(root, { report, location }) {
        const schemas = root.components?.schemas ?? {};
        const events = schemas.EventType?.enum ?? [];
        const types = schemas.DataType?.enum ?? [];
        const pairing = schemas.EventType?.[PAIRING];
        const at = location.child(["components", "schemas", "EventType"]);
        if (!pairing || typeof pairing !== "object") {
          report({ message: `EventType must state ${PAIRING}: each event type → the data types LiveChat sends with it.`, location: at.key() });
          return;
        }
        const where = at.child([PAIRING]);
        if (!sameSet(Object.keys(pairing), events)) {
          report({ message: `${PAIRING} must have one entry per EventType value (${events.join(", ")}).`, location: where.key() });
        }
        for (const [event, list] of Object.entries(pairing)) {
          if (!Array.isArray(list) || list.length === 0 || new Set(list).size !== list.length || !list.every((t) => types.includes(t))) {
            report({ message: `${PAIRING}.${event} must be a non-empty list of distinct DataType values (${types.join(", ")}).`, location: where.child([event]) });
          }
        }
        const used = new Set(Object.values(pairing).flat());
        for (const type of types) {
          if (!used.has(type)) report({ message: `DataType ${type} is sent with no event in ${PAIRING}.`, location: where.key() });
        }
        for (const [name, item] of Object.entries(root.webhooks ?? {})) {
          const ref = item?.post?.requestBody?.content?.["application/json"]?.schema?.$ref ?? "";
          const schema = schemas[ref.split("/").pop()];
          const event = schema?.properties?.event_type?.const;
          const expected = pairing[event];
          if (!expected) continue; // the payload's own event_type rules report what is wrong there
          const keys = Object.keys(schema.properties).filter((key) => types.includes(key));
          if (!sameSet(keys, expected)) {
            report({ message: `The ${event} payload must carry exactly the data types ${PAIRING} lists for it (${expected.join(", ")}); it has ${keys.join(", ") || "none"}.`, location: location.child(["webhooks", name]).key() });
          }
          const described = describedDataTypes(item.post.description);
          if (described && !sameSet(described, expected)) {
            report({ message: `The ${event} webhook's description lists ${described.join(", ")}; ${PAIRING} says ${expected.join(", ")}.`, location: location.child(["webhooks", name, "post", "description"]) });
          }
        }
      },
    },
  };
}

export default function livechatRules() {
  return {
    id: "livechat",
    rules: {
      oas3: {
        "version-header": versionHeader,
        "security-both-schemes": securityBothSchemes,
        "documented-statuses": documentedStatuses,
        "form-bodies": formBodies,
        "data-types-by-event": dataTypesByEvent,
      },
    },
  };
}
