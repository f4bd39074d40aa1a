import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Ratchet's maturity engine. */
  maturity?: {
    /** Overrides of the scheduled tasks' schedules. */
    schedules?: {
      /** The full sweep: re-evaluates everything, cleans up removed entities, snapshots levels (default every 6 h). */
      sweep?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Steps of a sweep in progress, offered by every replica (default every 5 s): each evaluates chunks for
       * about 10 s under a 20 s lease, so after a crash another replica continues within seconds.
       */
      sweepSteps?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Looks for changed Scorecards and Campaigns and re-evaluates their checks (default every minute). */
      definitions?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Collection by the built-in catalog fact source (default every 5 minutes). */
      catalogFacts?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Looks for new and changed entities (ref and etag only) and collects and evaluates just those (default every 5 seconds). */
      catalogChanges?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Campaign upkeep: lifecycle by date, repair of targets, burn-up point, due reminders (default every 10 minutes). */
      campaigns?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Operational readiness. */
    readiness?: {
      /** Reminders through Notifications (answers expiring within 14 days and launches within 30 days always). */
      reminders?: {
        /** A review waiting this many days reminds the reviewers, and again every as many days (default 3). */
        reviewWaitDays?: number;
      };
    };
    /** How long history is kept. */
    retention?: {
      /** Fact change log: by age in days (default 90) and count per entity and source (default 100). */
      factChanges?: { days?: number; perEntitySource?: number };
      /** Result transitions, in days (default 365). */
      transitions?: { days?: number };
      /** Daily level snapshots, in days (default 365). */
      snapshots?: { days?: number };
    };

    // ── Pushed facts (POST /facts) ───────────────────────────────────────────────────────────────
    /** Who may push what. */
    push?: {
      /**
       * Once set, a service may push only to the sources listed for its subject (the `subject` of its
       * `backend.auth.externalAccess` token, or `plugin:<id>`); a subject not listed may push nothing.
       * Unset, every service holding `maturity.facts.push` may write every push source. Collected sources
       * (catalog, kubernetes, …) and `attestation` are never pushable.
       */
      allowedSources?: Array<{ subject: string; sources: string[] }>;
    };
    /** Settings of the built-in fact sources. */
    sources?: {
      /** The push-only `pushed` source, written by CI pipelines and other systems through POST /facts. */
      pushed?: {
        /**
         * JSON Schema (draft-07) that every `pushed` facts object must satisfy, on top of the limits every
         * push obeys (nesting ≤ 8, strings ≤ 10,000 characters). Default: any JSON object.
         */
        schema?: { [key: string]: unknown };
        /**
         * Facts computed at evaluation time from a pushed timestamp: `path` (e.g. `ci.lastDeployDays`) is the
         * whole days since `daysSince` (e.g. `ci.lastDeployAt`), so it grows without new pushes. Declared in
         * the source's schema as read-only integers.
         */
        derived?: Array<{ path: string; daysSince: string }>;
        /**
         * Freshness: facts at or under `path` (e.g. `observability`) are absent once the entity's pushed facts
         * are older than `maxAge` (a pushed `observedAt`, or the time of the push; a resend refreshes them).
         */
        maxAge?: Array<{
          path: string;
          maxAge: HumanDuration | string;
        }>;
      };
    };
  };
}
