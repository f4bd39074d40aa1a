import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages render Backstage's table and the charts: on a busy CI machine the first render alone can take
// seconds, so waits are bounded generously rather than by the 1 s / 5 s defaults.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);
