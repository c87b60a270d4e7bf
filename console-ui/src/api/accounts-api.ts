/** Account management (admin only). */
import { api } from './http';
import type { Account, Role } from './session-api';

export const listAccounts = () => api<Account[]>('/api/accounts');
export const createAccount = (a: { username: string; role: Role; password: string; brand?: string }) =>
  api<Account>('/api/accounts', { method: 'POST', body: a });
export const deleteAccount = (id: string) => api<{ ok: true }>(`/api/accounts/${encodeURIComponent(id)}`, { method: 'DELETE' });
