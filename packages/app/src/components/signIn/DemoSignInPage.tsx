/*
 * Demo only: the sign-in page offers the two demo users, so one browser can act as the team that owns the
 * sample services and another as the readiness reviewer. Both are proxy providers of the demo backend:
 * `guest` signs in as Priya Raman (payments, owner of the sample services) and `demo-reviewer` as Dmitri
 * Volkov (platform, the Operational Readiness checklist's reviewers). See README "Operational readiness in
 * the demo".
 */
import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi, SignInPageProps } from '@backstage/core-plugin-api';

const STORAGE_KEY = 'ratchet:demo-sign-in-provider';

/** The demo users, by the auth provider that signs in as them. */
export const DEMO_USERS = [
  {
    provider: 'guest',
    title: 'Priya Raman — payments (owner)',
    description:
      'Owns the payments services: answers their readiness items and requests reviews.',
    button: 'Enter',
  },
  {
    provider: 'demo-reviewer',
    title: 'Dmitri Volkov — platform (reviewer)',
    description:
      'Reviews Operational Readiness: approves, requests changes, vetoes and lifts vetoes.',
    button: 'Sign in as the reviewer',
  },
];

// Signing out forgets the choice, so the next visit offers both users again.
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/** The demo's sign-in page: pick the owner or the reviewer; the choice is kept until sign-out. */
export function DemoSignInPage(props: SignInPageProps) {
  const [provider, setProvider] = useState(() =>
    localStorage.getItem(STORAGE_KEY),
  );
  if (provider) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={provider}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingOnSignOut(identity))
        }
      />
    );
  }
  const choose = (next: string) => {
    localStorage.setItem(STORAGE_KEY, next);
    setProvider(next);
  };
  return (
    <Page themeId="home">
      <Header
        title="Ratchet demo"
        subtitle="Sign in as one of the demo users"
      />
      <Content>
        <Grid container spacing={3}>
          {DEMO_USERS.map(user => (
            <Grid item xs={12} md={6} key={user.provider}>
              <InfoCard
                title={user.title}
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => choose(user.provider)}
                  >
                    {user.button}
                  </Button>
                }
              >
                <Typography variant="body1">{user.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
