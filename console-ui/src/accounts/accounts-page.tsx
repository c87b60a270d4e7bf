/** Accounts (admin): who may log in, with which role; brand accounts name their brand. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { createAccount, deleteAccount, listAccounts } from '../api/accounts-api';
import { ApiError, errorText, type FieldError } from '../api/http';
import type { Account, Role } from '../api/session-api';

const ROLES: Role[] = ['admin', 'operator', 'designer', 'brand'];

export function AccountsPage({ myId }: { myId: string }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldError[]>([]);
  const [form, setForm] = useState({ username: '', password: '', role: 'operator' as Role, brand: '' });

  const refresh = useCallback(() => {
    listAccounts().then(setAccounts, (e) => setError(errorText(e)));
  }, []);
  useEffect(refresh, [refresh]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields([]);
    try {
      await createAccount({ username: form.username, password: form.password, role: form.role, ...(form.role === 'brand' ? { brand: form.brand } : {}) });
      setForm({ username: '', password: '', role: form.role, brand: '' });
      refresh();
    } catch (err) {
      setError(errorText(err));
      if (err instanceof ApiError) setFields(err.fields);
    }
  }
  const fieldError = (name: string) => fields.find((f) => f.path === name || f.path.endsWith(`.${name}`))?.message;

  return (
    <div className="accounts-page">
      <section className="panel">
        <h2>Accounts</h2>
        <table className="grid-table" data-testid="account-list">
          <thead>
            <tr>
              <th>Username</th>
              <th>Role</th>
              <th>Brand</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-testid={`account-${a.username}`}>
                <td><strong>{a.username}</strong>{a.id === myId && <span className="tag">you</span>}</td>
                <td><span className={`role role-${a.role}`}>{a.role}</span></td>
                <td>{a.brand ?? ''}</td>
                <td className="muted">{a.createdAt ? new Date(a.createdAt).toLocaleString() : ''}</td>
                <td className="actions">
                  {a.id !== myId && (
                    <button className="ghost" data-testid={`account-delete-${a.username}`} onClick={() => void deleteAccount(a.id).then(refresh, (e) => setError(errorText(e)))}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>New account</h2>
        <form className="pad form-stack" onSubmit={submit}>
          <label>
            Username
            <input data-testid="account-username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
            {fieldError('username') && <span className="field-error">{fieldError('username')}</span>}
          </label>
          <label>
            Password (10+ characters)
            <input data-testid="account-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
            {fieldError('password') && <span className="field-error">{fieldError('password')}</span>}
          </label>
          <label>
            Role
            <select data-testid="account-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          {form.role === 'brand' && (
            <label>
              Brand
              <input data-testid="account-brand" value={form.brand} onChange={(e) => setForm({ ...form, brand: e.target.value })} required />
            </label>
          )}
          {error && <p className="error" role="alert">{error}</p>}
          <button className="primary" data-testid="account-create">
            Create account
          </button>
        </form>
      </section>
    </div>
  );
}
