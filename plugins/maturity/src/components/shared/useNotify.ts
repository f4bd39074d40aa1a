import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';

/** Shows a toast: success ones go away by themselves, failures stay until dismissed. */
export function useNotify() {
  const toastApi = useApi(toastApiRef);
  return useCallback(
    (title: string, status: 'success' | 'danger') =>
      toastApi.post({
        title,
        status,
        ...(status === 'success' ? { timeout: 5000 } : {}),
      }),
    [toastApi],
  );
}
