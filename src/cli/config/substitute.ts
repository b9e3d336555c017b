// `${NAME}` in a config value is replaced by the environment variable NAME, so secrets (webhook
// URL passwords) never need to be committed; `$${` writes a literal `${`. A reference to an
// unset variable is a problem at its own line and column.

/** `$${`, or `${…}` (closed), or an unclosed `${`. */
const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface Substitution {
  value: string;
  /** Each problem with the offset of its reference within the scalar's text. */
  problems: { index: number; message: string }[];
  /** The names read, in order. */
  names: string[];
}

/** `text` with every reference replaced from `env`. */
export function substitute(text: string, env: Record<string, string | undefined>): Substitution {
  const problems: Substitution["problems"] = [];
  const names: string[] = [];
  const value = text.replace(REFERENCE, (match: string, name: string | undefined, index: number) => {
    if (match === "$${") return "${";
    if (name === undefined) {
      problems.push({ index, message: "`${` is not closed; write ${NAME} (or $${ for a literal ${) instead" });
      return match;
    }
    if (!NAME.test(name)) {
      problems.push({ index, message: `${match} is not a variable reference; write \${NAME} with letters, digits and _ (or $\${ for a literal \${) instead` });
      return match;
    }
    names.push(name);
    const found = env[name];
    if (found === undefined) {
      problems.push({ index, message: `${match}: ${name} is not set in the environment; set it (export ${name}=…) or write the value instead` });
      return match;
    }
    return found;
  });
  return { value, problems, names };
}

/** `text` with every `${` written as `$${`, so substitution gives `text` back. */
export function escapeReferences(text: string): string {
  return text.replaceAll("${", () => "$${"); // a function: in a replacement string, $$ means one $
}
