/**
 * The show's flash-safety state above the composer: within the limit, still
 * being checked, or a draft that cannot go live with every problem listed
 * (each one is also shown beside its cue or parade step).
 */
import type { ShowError } from '@crowdcue/protocol';
import './flash-safety.css';

interface Props {
  problems: readonly ShowError[];
  checking: boolean;
  /** The stored show is marked as a draft by the controller. */
  storedDraft: boolean;
  onJump?: (path: string) => void;
}

export function FlashSafetyBanner({ problems, checking, storedDraft, onJump }: Props) {
  if (problems.length === 0) {
    return (
      <p className="flash-ok" data-testid="flash-state" data-state={checking ? 'checking' : storedDraft ? 'stored-draft' : 'ok'}>
        {checking ? 'Checking flashes…' : storedDraft ? 'Within the flash limit: save to clear the draft mark' : 'Within the flash limit'}
      </p>
    );
  }
  return (
    <details className="flash-draft" data-testid="flash-problems" data-state="draft" open>
      <summary>
        Draft: breaks the flash limit in {problems.length} place{problems.length === 1 ? '' : 's'}. It saves, but cannot go live until fixed.
      </summary>
      <ul>
        {problems.map((p, i) => (
          <li key={i} data-testid="flash-problem">
            {p.message}
            {p.path && onJump && (
              <button className="small ghost jump" onClick={() => onJump(p.path)} title={p.path}>
                Show
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
