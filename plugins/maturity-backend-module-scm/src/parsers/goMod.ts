import { cleanText, goToSemver, ManifestError } from './versions';

/** What go.mod declares. */
export interface GoMod {
  /** The module path. */
  module?: string;
  /** The `go` directive (`1.22`). */
  goVersion?: string;
  /** Required modules by path (`replace` applied), versions without their `v`. */
  requires: Record<string, string>;
}

function stripComment(line: string): string {
  const index = line.indexOf('//');
  return (index >= 0 ? line.slice(0, index) : line).trim();
}

function unquote(token: string): string {
  return token.replace(/^["`]|["`]$/g, '');
}

/** Reads go.mod: module, go, require blocks and lines, replace (versioned targets), comments. */
export function parseGoMod(text: string): GoMod {
  const result: GoMod = { requires: {} };
  const replaces = new Map<string, string>();
  let block: string | undefined;
  let lineNo = 0;
  for (const raw of cleanText(text).split('\n')) {
    lineNo++;
    const line = stripComment(raw);
    if (!line) continue;
    if (block) {
      if (line === ')') {
        block = undefined;
        continue;
      }
      directive(block, line.split(/\s+/), lineNo);
      continue;
    }
    const tokens = line.split(/\s+/);
    if (tokens[1] === '(' && tokens.length === 2) {
      block = tokens[0];
      continue;
    }
    directive(tokens[0], tokens.slice(1), lineNo);
  }
  if (block) throw new ManifestError(`"${block} (" is never closed`);
  for (const [path, version] of replaces) {
    if (path in result.requires) result.requires[path] = version;
  }
  return result;

  function directive(verb: string, args: string[], at: number) {
    switch (verb) {
      case 'module':
        result.module = unquote(args[0] ?? '');
        return;
      case 'go':
        result.goVersion = args[0];
        return;
      case 'require': {
        if (args.length < 2) {
          throw new ManifestError(
            `line ${at}: require needs a path and a version`,
          );
        }
        result.requires[unquote(args[0])] = goToSemver(args[1]);
        return;
      }
      case 'replace': {
        const arrow = args.indexOf('=>');
        if (arrow < 1)
          throw new ManifestError(`line ${at}: replace needs "=>"`);
        const target = args.slice(arrow + 1);
        // A replacement by a local directory has no version; the required one still says what is built.
        if (target.length === 2) {
          replaces.set(unquote(args[0]), goToSemver(target[1]));
        }
        return;
      }
      case 'exclude':
      case 'retract':
      case 'toolchain':
      case 'godebug':
      case 'tool':
      case 'ignore':
        return;
      default:
        throw new ManifestError(`line ${at}: unknown directive "${verb}"`);
    }
  }
}
