import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { createGatewayStore } from './store/gateway-store.js';
import { StatusPage } from './pages/StatusPage.js';

const store = createGatewayStore(connect());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StatusPage store={store} />
  </StrictMode>,
);
