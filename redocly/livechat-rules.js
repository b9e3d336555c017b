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

export default function livechatRules() {
  return {
    id: "livechat",
    rules: {
      oas3: {
        "version-header": versionHeader,
        "security-both-schemes": securityBothSchemes,
        "documented-statuses": documentedStatuses,
        "form-bodies": formBodies,
      },
    },
  };
}
