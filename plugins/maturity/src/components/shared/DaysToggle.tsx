import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** Props of {@link DaysToggle}. */
export interface DaysToggleProps {
  days: number;
  onChange: (days: number) => void;
  options?: number[];
}

/** Chooses the window of a trend: the last 30 or 90 days. */
export function DaysToggle({
  days,
  onChange,
  options = [30, 90],
}: DaysToggleProps) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={days}
      onChange={(_e, value: number | null) => value && onChange(value)}
      aria-label="Period"
    >
      {options.map(o => (
        <ToggleButton key={o} value={o} aria-label={`Last ${o} days`}>
          {o} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
