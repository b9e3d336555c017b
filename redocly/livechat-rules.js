// Lint rules this spec must keep that Redocly's built-in and configurable rules cannot express.
// Loaded by redocly.yaml (`plugins`); rule ids are `livechat/<name>`.

const VERSION_HEADER = "x-api-version";

/** Every operation documents the X-API-Version header, integer 2, not forced on callers. */
function versionHeader() {
  return {
    Operation: {
      enter(operation, { report, location, resolve }) {
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

export default function livechatRules() {
  return {
    id: "livechat",
    rules: {
      oas3: {
        "version-header": versionHeader,
        "security-both-schemes": securityBothSchemes,
        "documented-statuses": documentedStatuses,
      },
    },
  };
}
