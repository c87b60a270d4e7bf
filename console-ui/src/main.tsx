import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { SessionProvider } from './session/session-context';
import { applyNightMode, readNightMode } from './ui/night-mode';
import './ui/theme.css';
import './ui/night-mode.css';

// Before the first paint: a console left in night mode never flashes the day palette.
applyNightMode(readNightMode());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
