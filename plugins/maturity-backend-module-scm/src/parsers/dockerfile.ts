import { cleanText, ManifestError } from './versions';

/** The base image a Dockerfile builds its final stage on. */
export interface DockerfileFacts {
  /** The final stage's base image, stage aliases and ARG defaults resolved (`python:3.12-slim`). */
  baseImage: string;
  /** The base image names a digest or a version tag (not `latest`, not missing). */
  pinned: boolean;
  /** Every external image the stages start from, in order. */
  images: string[];
}

function instructions(text: string): Array<{ line: string; lineNo: number }> {
  const out: Array<{ line: string; lineNo: number }> = [];
  let pending = '';
  let start = 0;
  cleanText(text)
    .split('\n')
    .forEach((raw, index) => {
      const trimmed = raw.trim();
      // Comment lines may sit inside a continued instruction; parser directives are comments too.
      if (trimmed.startsWith('#')) return;
      if (!pending) start = index + 1;
      if (trimmed.endsWith('\\')) {
        pending += `${trimmed.slice(0, -1)} `;
        return;
      }
      const line = (pending + trimmed).trim();
      pending = '';
      if (line) out.push({ line, lineNo: start });
    });
  if (pending.trim()) out.push({ line: pending.trim(), lineNo: start });
  return out;
}

function substitute(value: string, args: Map<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced: string, fallback: string | undefined, bare: string) => {
      const name = braced ?? bare;
      const known = args.get(name);
      if (known !== undefined && known !== '') return known;
      return fallback ?? whole;
    },
  );
}

/** Whether an image reference names a digest or a tag other than `latest`. */
export function isPinnedImage(image: string): boolean {
  if (image === 'scratch') return true;
  if (image.includes('$')) return false; // an unresolved build argument can be anything
  if (/@sha256:[a-f0-9]{64}$/i.test(image)) return true;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1);
  return tag !== '' && tag !== 'latest';
}

/** Reads a Dockerfile: continuations, comments, ARG defaults before FROM, `--platform`, stage aliases. */
export function parseDockerfile(text: string): DockerfileFacts {
  const args = new Map<string, string>();
  const stages = new Map<string, string>();
  const images: string[] = [];
  let base: string | undefined;
  for (const { line, lineNo } of instructions(text)) {
    const [keyword, ...rest] = line.split(/\s+/);
    const verb = keyword.toUpperCase();
    if (verb === 'ARG' && base === undefined) {
      for (const declaration of rest) {
        const eq = declaration.indexOf('=');
        const name = eq < 0 ? declaration : declaration.slice(0, eq);
        const value =
          eq < 0 ? '' : declaration.slice(eq + 1).replace(/^"|"$/g, '');
        args.set(name, value);
      }
      continue;
    }
    if (verb !== 'FROM') continue;
    const operands = rest.filter(token => !token.startsWith('--'));
    if (operands.length === 0) {
      throw new ManifestError(`line ${lineNo}: FROM needs an image`);
    }
    if (
      operands.length !== 1 &&
      !(operands.length === 3 && /^as$/i.test(operands[1]))
    ) {
      throw new ManifestError(`line ${lineNo}: cannot read "${line}"`);
    }
    const image = substitute(operands[0], args);
    const resolved = stages.get(image.toLowerCase()) ?? image;
    if (!stages.has(image.toLowerCase())) images.push(image);
    if (operands[2]) stages.set(operands[2].toLowerCase(), resolved);
    base = resolved;
  }
  if (base === undefined) throw new ManifestError('no FROM instruction');
  return { baseImage: base, pinned: isPinnedImage(base), images };
}
