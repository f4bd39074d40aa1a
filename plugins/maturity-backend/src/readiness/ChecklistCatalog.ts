import type { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChecklistEntityV1alpha1,
  READINESS_CHECKLIST_ANNOTATION,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileEntityFilter } from '../evaluation';
import { ChecklistModel, checklistModel } from './checklistModel';
import { resolveDefinitionRef } from './refs';

interface Compiled {
  model: ChecklistModel;
  applies: (entity: Entity) => boolean;
}

/** The Checklists the catalog holds (validated there), read with the plugin's credentials. */
export interface ChecklistSource {
  /** Every checklist, by ref order. */
  all(): Promise<ChecklistModel[]>;
  /** The checklist an entity follows: its annotation, else the first whose appliesTo matches. */
  forEntity(entity: Entity): Promise<ChecklistModel | undefined>;
  /** A checklist by ref. */
  byRef(ref: string): Promise<ChecklistModel | undefined>;
}

/** Checklists from the catalog, re-read at most every `ttlMs` (definitions change rarely). */
export class ChecklistCatalog implements ChecklistSource {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #cached?: { at: number; list: Promise<Compiled[]> };

  /** Reads through the catalog service; tests inject a clock. */
  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    ttlMs?: number;
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  async #load(): Promise<Compiled[]> {
    const { items } = await this.#catalog.getEntities(
      { filter: { kind: 'Checklist' } },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    return (items as ChecklistEntityV1alpha1[])
      .filter(e => e.apiVersion === 'ratchet.dev/v1alpha1')
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      )
      .map(e => ({
        model: checklistModel(e),
        applies: compileEntityFilter(e.spec.appliesTo ?? { kind: 'Component' }),
      }));
  }

  #list(): Promise<Compiled[]> {
    const now = this.#now();
    if (!this.#cached || now - this.#cached.at > this.#ttlMs) {
      const list = this.#load();
      // A failed read must not stick until the TTL ends.
      list.catch(() => {
        if (this.#cached?.list === list) this.#cached = undefined;
      });
      this.#cached = { at: now, list };
    }
    return this.#cached.list;
  }

  async all(): Promise<ChecklistModel[]> {
    return (await this.#list()).map(c => c.model);
  }

  async byRef(ref: string): Promise<ChecklistModel | undefined> {
    return (await this.#list()).find(c => c.model.ref === ref)?.model;
  }

  async forEntity(entity: Entity): Promise<ChecklistModel | undefined> {
    const list = await this.#list();
    const named = entity.metadata.annotations?.[READINESS_CHECKLIST_ANNOTATION];
    if (named) {
      let ref: string;
      try {
        ref = resolveDefinitionRef(
          'checklist',
          named,
          entity.metadata.namespace ?? 'default',
        );
      } catch {
        throw new InputError(
          `metadata.annotations.${READINESS_CHECKLIST_ANNOTATION}: "${named}" is not an entity ref`,
        );
      }
      return list.find(c => c.model.ref === ref)?.model;
    }
    return list.find(c => c.applies(entity))?.model;
  }
}
