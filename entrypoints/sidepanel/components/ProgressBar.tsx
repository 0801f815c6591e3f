import { useT } from '../context.js';

/** Props for {@link ProgressBar}. */
export interface ProgressBarProps {
  /** 0–1. */
  value: number;
  label?: string;
}

/** A native progress bar for long imports and exports, named for assistive tech. */
export function ProgressBar({ value, label }: ProgressBarProps) {
  const t = useT();
  const percent = Math.round(value * 100);
  return (
    <div class="progress">
      <label>
        <span>{label ?? t('data.progress')}</span>
        <progress max={100} value={percent}>
          {percent} %
        </progress>
      </label>
    </div>
  );
}
