import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page of the demo app', async () => {
    // The app reads its config from APP_CONFIG, which the CLI injects as an array at build time.
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ],
    } as unknown as NodeJS.ProcessEnv;

    const rendered = render(<App />);

    await waitFor(() => {
      expect(
        rendered.getByRole('button', { name: 'Enter' }),
      ).toBeInTheDocument();
    });
  });
});
