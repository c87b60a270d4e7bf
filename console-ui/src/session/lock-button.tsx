/** Locks this console with a PIN chosen now (4 to 8 digits). */
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/http';
import { useSession } from './session-context';

export function LockButton() {
  const { lock } = useSession();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await lock(pin);
      setOpen(false);
      setPin('');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="popover-anchor">
      <button data-testid="lock" className="ghost" title="Lock this console with a PIN" onClick={() => setOpen((o) => !o)}>
        Lock
      </button>
      {open && (
        <form className="popover" onSubmit={submit}>
          <label>
            PIN to unlock (4–8 digits)
            <input
              data-testid="lock-pin"
              className="pin"
              inputMode="numeric"
              type="password"
              autoFocus
              maxLength={8}
              value={pin}
              onChange={(e) => {
                setPin(e.target.value.replace(/\D/g, ''));
                setError(null);
              }}
            />
          </label>
          {error && <p className="error">{error}</p>}
          <div className="row">
            <button data-testid="lock-submit" className="primary" disabled={pin.length < 4}>
              Lock now
            </button>
            <button type="button" className="ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
