import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { MarkdownContent } from '@backstage/core-components';
import type {
  ReadinessAnswer,
  ReadinessAnswerRequest,
  ReadinessItem,
} from '@ratchet/backstage-plugin-maturity-common';
import { ANSWER_LABELS } from '../ReadinessCommon/labels';

/** Props of {@link ItemEditorDialog}. */
export interface ItemEditorDialogProps {
  item: ReadinessItem;
  onClose(): void;
  onSave(body: ReadinessAnswerRequest): void;
}

function isUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** What is wrong with the form, per field; empty when it can be saved. */
export function answerErrors(form: {
  answer?: ReadinessAnswer;
  justification: string;
  evidence: string[];
  evidenceRequired: boolean;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.answer) errors.answer = 'Choose an answer';
  if (form.answer === 'not-applicable' && !form.justification.trim())
    errors.justification = 'A justification is required for not applicable';
  const bad = form.evidence.find(e => !isUrl(e));
  if (bad) errors.evidence = `Not an http(s) URL: ${bad}`;
  else if (
    form.evidenceRequired &&
    form.answer === 'yes' &&
    !form.evidence.length
  )
    errors.evidence = 'This item needs at least one evidence link';
  return errors;
}

/** The editor of one item's answer: yes / no / not applicable, justification, evidence links, notes. */
export function ItemEditorDialog({
  item,
  onClose,
  onSave,
}: ItemEditorDialogProps) {
  const [answer, setAnswer] = useState<ReadinessAnswer | undefined>(
    item.answer,
  );
  const [justification, setJustification] = useState(item.justification ?? '');
  const [evidenceText, setEvidenceText] = useState(item.evidence.join('\n'));
  const [notes, setNotes] = useState(item.notes ?? '');
  const [touched, setTouched] = useState(false);
  const evidence = evidenceText
    .split(/\s+/)
    .map(e => e.trim())
    .filter(Boolean);
  const errors = answerErrors({
    answer,
    justification,
    evidence,
    evidenceRequired: item.evidenceRequired,
  });
  const invalid = Object.keys(errors).length > 0;

  const save = () => {
    setTouched(true);
    if (invalid || !answer) return;
    onSave({
      answer,
      justification:
        answer === 'not-applicable' ? justification.trim() : undefined,
      evidence,
      notes: notes.trim() || undefined,
    });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="readiness-item-title"
    >
      <DialogTitle id="readiness-item-title">{item.prompt}</DialogTitle>
      <DialogContent>
        {item.guidance && <MarkdownContent content={item.guidance} />}
        <FormControl
          component="fieldset"
          error={touched && !!errors.answer}
          margin="normal"
        >
          <FormLabel component="legend">Answer</FormLabel>
          <RadioGroup
            row
            value={answer ?? ''}
            onChange={e => setAnswer(e.target.value as ReadinessAnswer)}
          >
            {(['yes', 'no', 'not-applicable'] as const).map(a => (
              <FormControlLabel
                key={a}
                value={a}
                control={<Radio />}
                label={ANSWER_LABELS[a]}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {answer === 'not-applicable' && (
          <TextField
            id="readiness-answer-justification"
            label="Justification"
            required
            fullWidth
            multiline
            margin="normal"
            value={justification}
            error={touched && !!errors.justification}
            helperText={
              (touched && errors.justification) || 'Why the item does not apply'
            }
            onChange={e => setJustification(e.target.value)}
          />
        )}
        <TextField
          id="readiness-answer-evidence"
          label="Evidence links"
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          value={evidenceText}
          error={touched && !!errors.evidence}
          helperText={
            (touched && errors.evidence) ||
            `One http(s) URL per line${
              item.evidenceRequired ? ' (required)' : ''
            }`
          }
          onChange={e => setEvidenceText(e.target.value)}
        />
        <TextField
          id="readiness-answer-notes"
          label="Notes"
          fullWidth
          multiline
          margin="normal"
          value={notes}
          onChange={e => setNotes(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={touched && invalid}
        >
          Save answer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
