import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs jest on two cores beside PostgreSQL; lazily loaded MUI tables can take
// more than the default 1 s to appear there. Waiting longer weakens no assertion.
configure({ asyncUtilTimeout: 5_000 });
