/** The top bar's night mode switch: dims the whole console for a dark venue; remembered on this console. */
import { useEffect, useState } from 'react';
import { applyNightMode, readNightMode, saveNightMode } from './night-mode';

export function NightModeToggle() {
  const [on, setOn] = useState(readNightMode);
  useEffect(() => applyNightMode(on), [on]);
  return (
    <button
      className={`ghost night-toggle ${on ? 'on' : ''}`}
      data-testid="night-mode"
      aria-pressed={on}
      title="Night mode: a dim console for a dark venue"
      onClick={() => {
        saveNightMode(!on);
        setOn(!on);
      }}
    >
      {on ? 'Night ●' : 'Night'}
    </button>
  );
}
