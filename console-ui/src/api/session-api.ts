/** Login, the logged-in account, and the PIN lock (controller's auth routes). */
import { api } from './http';

export type Role = 'admin' | 'operator' | 'designer' | 'brand';

export interface Account {
  id: string;
  username: string;
  role: Role;
  brand?: string;
  createdAt?: string;
}

export interface Me {
  account: Account;
  locked: boolean;
}

export const login = (username: string, password: string) =>
  api<Me>('/api/login', { method: 'POST', body: { username, password }, quiet: true });
export const logout = () => api<{ ok: true }>('/api/logout', { method: 'POST', quiet: true });
export const fetchMe = () => api<Me>('/api/me', { quiet: true });
export const lockConsole = (pin: string) => api<{ ok: true }>('/api/lock', { method: 'POST', body: { pin } });
export const unlockConsole = (pin: string) => api<{ ok: true }>('/api/unlock', { method: 'POST', body: { pin }, quiet: true });
