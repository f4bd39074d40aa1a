import {
  CampaignTarget,
  toCsv,
} from '@ratchet/backstage-plugin-maturity-common';
import type { MaturityApi, RefParts } from '../../api';

const PAGE = 500;

/** Every target of a campaign, page by page (the API serves at most 500 at a time). */
export async function fetchAllTargets(
  api: Pick<MaturityApi, 'listCampaignTargets'>,
  campaign: RefParts,
): Promise<CampaignTarget[]> {
  const targets: CampaignTarget[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = await api.listCampaignTargets(campaign, {
      limit: PAGE,
      offset,
    });
    targets.push(...page.items);
    offset = page.items.length === 0 ? null : page.nextOffset;
  }
  return targets;
}

const HEADER = [
  'entityRef',
  'title',
  'owner',
  'state',
  'since',
  'firstPassedAt',
  'regressed',
  'failingChecks',
  'messages',
];

/** The targets as RFC 4180 CSV (CRLF line ends, a header row). */
export function targetsToCsv(targets: CampaignTarget[]): string {
  return toCsv(
    HEADER,
    targets.map(t => [
      t.entityRef,
      t.title,
      t.owner,
      t.state,
      t.since,
      t.firstPassedAt,
      t.regressed,
      t.failingChecks.map(c => c.checkId).join('; '),
      t.failingChecks.map(c => c.message).join('; '),
    ]),
  );
}

/** Offers a text as a file download. */
export function downloadText(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
