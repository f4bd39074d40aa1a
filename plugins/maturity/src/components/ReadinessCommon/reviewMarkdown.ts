import type {
  ReadinessItem,
  ReadinessRecord,
  ReadinessReview,
} from '@ratchet/backstage-plugin-maturity-common';
import { ANSWER_LABELS, EVENT_LABELS, REVIEW_STATUS_LABELS } from './labels';

// Table cells must stay on one line and must not end the cell early.
function cell(text: string | undefined): string {
  if (!text) return '';
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function answerOf(item: ReadinessItem): string {
  if (item.state === 'unanswered') return '**open**';
  const answer = item.answer ? ANSWER_LABELS[item.answer] : '';
  if (item.state === 'expired') return `**expired** (${answer})`;
  return item.automatic ? `${answer} (automatic)` : answer;
}

function phaseIndex(record: ReadinessRecord, phase: string): number {
  return record.phases.findIndex(p => p.id === phase);
}

/**
 * The walkthrough one-pager of a review as Markdown: the entity, phase, status and votes, then per area the
 * items required for the review's phase (or earlier) with answers, evidence and reviewer comments, then the
 * timeline. Without a review, the record's next phase is the subject.
 */
export function reviewMarkdown(
  record: ReadinessRecord,
  review: ReadinessReview | undefined,
): string {
  const phaseId = review?.phase ?? record.next?.phase ?? record.phase ?? '';
  const phase = record.phases.find(p => p.id === phaseId);
  const upTo = phaseIndex(record, phaseId);
  const comments = new Map<string, string[]>();
  for (const vote of review?.votes ?? []) {
    for (const c of vote.comments) {
      const list = comments.get(c.itemId) ?? [];
      list.push(`${vote.reviewer}: ${c.comment}`);
      comments.set(c.itemId, list);
    }
  }

  const lines: string[] = [
    `# ${record.checklistTitle}: ${phase?.title ?? phaseId}`,
    '',
    `- **Entity:** ${record.entityRef}`,
    `- **Checklist:** ${record.checklistRef}`,
    `- **Current phase:** ${
      record.phases.find(p => p.id === record.phase)?.title ?? 'none yet'
    }`,
    `- **Target launch date:** ${record.targetLaunchDate ?? 'not set'}`,
    `- **Reviewers:** ${record.reviewersGroup} (${
      record.requiredApprovals
    } approval${record.requiredApprovals === 1 ? '' : 's'} needed)`,
  ];
  if (review) {
    lines.push(
      `- **Review:** ${REVIEW_STATUS_LABELS[review.status]}, ${
        review.approvals
      } of ${review.requiredApprovals} approvals`,
      `- **Requested by:** ${review.requestedBy} on ${review.requestedAt}`,
    );
    if (review.note) lines.push(`- **Note:** ${cell(review.note)}`);
    if (review.veto) {
      lines.push(
        `- **Veto:** ${review.veto.reviewer}: ${cell(review.veto.reason)}`,
      );
    }
  } else {
    lines.push('- **Review:** not requested yet');
  }

  for (const area of record.areas) {
    const items = area.items.filter(
      i => upTo < 0 || phaseIndex(record, i.requiredFor) <= upTo,
    );
    if (items.length === 0) continue;
    const open = items.filter(i => !i.acceptable).length;
    lines.push(
      '',
      `## ${area.title} (${items.length - open} of ${items.length} acceptable)`,
      '',
      '| Item | Answer | Justification / notes | Evidence | Reviewer comments |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const item of items) {
      const notes = [item.justification, item.notes]
        .filter(Boolean)
        .join(' — ');
      const evidence = item.evidence.map(url => `<${url}>`).join(' ');
      lines.push(
        `| ${cell(item.prompt)} | ${answerOf(item)} | ${cell(
          notes,
        )} | ${evidence} | ${cell((comments.get(item.id) ?? []).join('; '))} |`,
      );
    }
  }

  if (review && review.events.length > 0) {
    lines.push('', '## Timeline', '');
    for (const event of review.events) {
      const reason = event.reason ? `: ${cell(event.reason)}` : '';
      lines.push(
        `- ${event.at} — ${event.actor} ${EVENT_LABELS[event.action]}${reason}`,
      );
    }
  }
  lines.push(
    '',
    '## Sign-off',
    '',
    '| Reviewer | Decision | Date |',
    '| --- | --- | --- |',
  );
  for (const vote of review?.votes ?? []) {
    lines.push(`| ${vote.reviewer} | ${vote.decision} | ${vote.at} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Saves text as a file in the browser. */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
