/*
 * The typed fetch client, in the shape of repo-tools' client template (typescript-backstage-client):
 * `DefaultApiClient` with one method per operation taking `{ path, query, body }` and returning the raw
 * fetch Response with a typed `json()`; the caller (the plugin's own client) turns errors into ResponseError.
 */
import { camel } from './collect.mjs';
import { JSON_TYPES, jsonImport, operationParts } from './render.mjs';

function allOptional(op, where) {
  return op.params.filter(p => p.in === where).every(p => !p.required);
}

function method(op) {
  const refs = new Set();
  // Only the success models: errors are the caller's to read from the Response.
  const ok = {
    ...op,
    responses: op.responses.filter(r => /^2/.test(r.status)),
  };
  const parts = operationParts(ok, refs);
  const success = parts.response || 'void';
  const fields = [];
  if (parts.path) fields.push(`path: ${parts.path};`);
  if (parts.query)
    fields.push(`query${allOptional(op, 'query') ? '?' : ''}: ${parts.query};`);
  if (parts.body) fields.push(`body: ${parts.body};`);
  const request = fields.length ? `{\n${fields.join('\n')}\n}` : '{}';
  const optional =
    fields.length === 0 ||
    (!parts.path && !parts.body && allOptional(op, 'query'));
  const description = op.description ? `${op.description.trim()}\n` : '';
  return {
    refs,
    text: `/**
 * ${description.replace(/\n(?=.)/g, '\n * ')}* \`${op.method.toUpperCase()} ${
      op.route
    }\`
 */
public async ${camel(op.name)}(
  request: ${request}${optional ? ' = {}' : ''},
  options?: RequestOptions,
): Promise<TypedResponse<${success}>> {
  return this.call('${op.method.toUpperCase()}', '${
      op.route
    }', request, options);
}
`,
  };
}

export function renderClientApi(model) {
  const methods = model.operations.map(method);
  const refs = new Set(methods.flatMap(m => [...m.refs]));
  const names = [...refs].sort();
  const imports =
    jsonImport(names) +
    names
      .filter(n => !JSON_TYPES.includes(n))
      .map(n => `import type { ${n} } from '../models/${n}.model';\n`)
      .join('');
  return `${imports}import { pluginId } from '../pluginId';

/**
 * Options of one request.
 * @public
 */
export interface RequestOptions {
  /** A Backstage token sent as \`Authorization: Bearer\` (a frontend fetchApi adds the user's itself). */
  token?: string;
}

/**
 * A fetch Response whose \`json()\` is typed with the operation's success model.
 * @public
 */
export type TypedResponse<T> = Omit<Response, 'json'> & {
  json: () => Promise<T>;
};

type Request = {
  path?: { [name: string]: string };
  query?: { [name: string]: unknown };
  body?: unknown;
};

/**
 * The API's operations as typed fetch calls.
 * @public
 */
export class DefaultApiClient {
  private readonly discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  private readonly fetchApi: { fetch: typeof fetch };

  /**
   * @param options - discoveryApi finds the backend's base URL (the frontend's discoveryApi or the backend's
   *   discovery service); fetchApi performs the requests (the frontend's fetchApi signs them; default: fetch).
   */
  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

${methods.map(m => m.text).join('\n')}
  private async call<T>(
    method: string,
    template: string,
    request: Request,
    options?: RequestOptions,
  ): Promise<TypedResponse<T>> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const path = template.replace(/{([^}]+)}/g, (_, name: string) =>
      encodeURIComponent(request.path?.[name] ?? ''),
    );
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        search.append(name, String(item));
      }
    }
    const query = search.toString();
    const headers: Record<string, string> = {};
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = \`Bearer \${options.token}\`;
    return this.fetchApi.fetch(\`\${baseUrl}\${path}\${query ? \`?\${query}\` : ''}\`, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  }
}
`;
}
