/** Warnings from the controller and refused commands, newest on top; each fades after a while. */
import { useEffect } from 'react';
import { useLive, useLiveStore } from './live-context';

const SHOW_MS = 8000;

export function WarningToasts() {
  const store = useLiveStore();
  const { warnings } = useLive();
  const recent = warnings.slice(0, 5);
  useEffect(() => {
    if (recent.length === 0) return;
    const oldest = recent[recent.length - 1];
    const t = setTimeout(() => store.dismiss(oldest.id), Math.max(0, oldest.at + SHOW_MS - Date.now()));
    return () => clearTimeout(t);
  }, [recent, store]);
  return (
    <div className="toasts" data-testid="warnings" aria-live="polite">
      {recent.map((w) => (
        <div key={w.id} className={`toast ${w.level}`} data-testid="warning">
          <span className="toast-text">
            {w.code && <code>{w.code}</code>} {w.message}
          </span>
          <button className="icon" aria-label="Dismiss" onClick={() => store.dismiss(w.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
