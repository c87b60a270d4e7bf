/** A locked console: nothing works until the PIN it was locked with is entered. */
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/http';
import { useSession } from './session-context';

export function LockScreen({ username }: { username: string }) {
  const { unlock, logout } = useSession();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await unlock(pin);
    } catch (err) {
      setError(errorText(err));
      setPin('');
    }
  }

  return (
    <main className="login locked" data-testid="lock-screen">
      <form className="login-card" onSubmit={submit}>
        <div className="brand-mark">
          <span className="brand-dot locked-dot" />
          Console locked
        </div>
        <p className="muted">Locked by {username}. Enter the PIN to unlock.</p>
        <input
          data-testid="unlock-pin"
          className="pin"
          inputMode="numeric"
          autoComplete="off"
          type="password"
          autoFocus
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        {error && <p className="error" role="alert">{error}</p>}
        <button data-testid="unlock-submit" className="primary wide" disabled={pin.length < 4}>
          Unlock
        </button>
        <button type="button" className="ghost wide" onClick={() => void logout()}>
          Log out instead
        </button>
      </form>
    </main>
  );
}
