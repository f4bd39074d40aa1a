import { ownerMatches, parseCodeowners } from './codeowners';
import { isPinnedImage, parseDockerfile } from './dockerfile';
import { parseGoMod } from './goMod';

const GO_MOD = `// Payments gateway
module github.com/acme/payment-gateway

go 1.22.1

toolchain go1.22.3

require (
	github.com/go-chi/chi/v5 v5.0.12
	go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.49.0 // instrumentation
	golang.org/x/net v0.0.0-20240320201509-b8c2ff7b1e45 // indirect
	github.com/old/lib v2.3.0+incompatible
)

require github.com/stretchr/testify v1.9.0

replace github.com/go-chi/chi/v5 => github.com/acme/chi/v5 v5.0.13-acme.1

replace github.com/old/lib => ../lib

exclude golang.org/x/net v0.0.0-20230101000000-aaaaaaaaaaaa

retract (
	v1.0.0 // published by mistake
)
`;

describe('parseGoMod', () => {
  it('reads module, go, require blocks and lines, replace and comments', () => {
    expect(parseGoMod(GO_MOD)).toEqual({
      module: 'github.com/acme/payment-gateway',
      goVersion: '1.22.1',
      requires: {
        'github.com/go-chi/chi/v5': '5.0.13-acme.1',
        'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp':
          '0.49.0',
        'golang.org/x/net': '0.0.0-20240320201509-b8c2ff7b1e45',
        'github.com/old/lib': '2.3.0+incompatible',
        'github.com/stretchr/testify': '1.9.0',
      },
    });
  });

  it.each([
    ['module x\nrequire (\n  a v1.0.0\n', '"require (" is never closed'],
    ['module x\nrequire a', 'line 2: require needs a path and a version'],
    ['module x\nfrobnicate y', 'line 2: unknown directive "frobnicate"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseGoMod(text)).toThrow(message);
  });
});

describe('parseDockerfile', () => {
  it('follows stage aliases and ARG defaults to the final base image', () => {
    const facts = parseDockerfile(`# syntax=docker/dockerfile:1.6
ARG PYTHON_VERSION=3.12.2
ARG VARIANT="slim-bookworm"
FROM --platform=$BUILDPLATFORM python:\${PYTHON_VERSION}-\${VARIANT} AS base
RUN pip install poetry==1.8.2 \\
    # a comment inside a continuation
    && poetry --version

FROM base AS build
COPY . .

FROM base
ARG PYTHON_VERSION=3.11
COPY --from=build /app /app
`);
    expect(facts).toEqual({
      baseImage: 'python:3.12.2-slim-bookworm',
      pinned: true,
      images: ['python:3.12.2-slim-bookworm'],
    });
  });

  it('reports an unpinned final stage of a multi-stage build', () => {
    const facts = parseDockerfile(
      'FROM golang:1.22 AS build\nRUN go build\nfrom gcr.io/distroless/static\nCOPY --from=build /x /x\n',
    );
    expect(facts).toEqual({
      baseImage: 'gcr.io/distroless/static',
      pinned: false,
      images: ['golang:1.22', 'gcr.io/distroless/static'],
    });
  });

  it.each([
    ['python:3.12', true],
    ['python', false],
    ['python:latest', false],
    ['registry.example.com:5000/team/app', false],
    ['registry.example.com:5000/team/app:1.4.2', true],
    [`node@sha256:${'a'.repeat(64)}`, true],
    ['node:${NODE}', false],
    ['scratch', true],
  ])('%s pinned: %s', (image, pinned) => {
    expect(isPinnedImage(image)).toBe(pinned);
  });

  it.each([
    ['RUN echo hi\n', 'no FROM instruction'],
    ['FROM\n', 'line 1: FROM needs an image'],
    ['FROM a b c d\n', 'line 1: cannot read "FROM a b c d"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDockerfile(text)).toThrow(message);
  });
});

describe('parseCodeowners', () => {
  const text = `# Default owners
*       @acme/payments @jdoe
/docs/  docs@acme.example
# escaped hash in a path
/src/\\#weird/ @acme/platform # trailing comment
/generated/

[Database] @acme/dba
/db/ @acme/dba
`;

  it('reads rules and every owner once', () => {
    const parsed = parseCodeowners(text);
    expect(parsed.owners).toEqual([
      '@acme/payments',
      '@jdoe',
      'docs@acme.example',
      '@acme/platform',
      '@acme/dba',
    ]);
    expect(parsed.rules).toContainEqual({
      pattern: '/src/#weird/',
      owners: ['@acme/platform'],
    });
    expect(parsed.rules).toContainEqual({ pattern: '/generated/', owners: [] });
  });

  it('refuses an owner that is none', () => {
    expect(() => parseCodeowners('* payments-team\n')).toThrow(
      'line 1: "payments-team" is not an @user, @org/team or e-mail',
    );
  });

  it('matches the catalog owner by team or user name', () => {
    const owners = ['@acme/Payments', '@jdoe'];
    expect(ownerMatches('group:default/payments', owners)).toBe(true);
    expect(ownerMatches('payments', owners)).toBe(true);
    expect(ownerMatches('user:jdoe', owners)).toBe(true);
    expect(ownerMatches('group:default/platform', owners)).toBe(false);
    expect(ownerMatches('user:default/payments', owners)).toBe(false);
    expect(ownerMatches('::', owners)).toBe(false);
  });
});
