import { ReactNode } from 'react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { usePermission } from '@backstage/plugin-permission-react';
import type { maturityEvaluatePermission } from '@ratchet/backstage-plugin-maturity-common';

/** A permission decided per catalog entity (all of the maturity plugin's UI permissions are). */
export type EntityPermission = typeof maturityEvaluatePermission;

/** Props of {@link PermissionButton}. */
export interface PermissionButtonProps extends Omit<ButtonProps, 'title'> {
  permission: EntityPermission;
  /** The entity the permission is decided for. */
  resourceRef: string;
  /** Why the button is disabled when the permission is denied. */
  deniedReason: string;
  /** Hide the button instead of disabling it when denied. */
  hideWhenDenied?: boolean;
  /** Disabled for another reason (e.g. busy), with that reason as tooltip. */
  disabledReason?: string;
  children: ReactNode;
}

/**
 * A button that is enabled only when the caller holds a permission on an entity; otherwise disabled with
 * the reason in a tooltip (or hidden).
 */
export function PermissionButton({
  permission,
  resourceRef,
  deniedReason,
  hideWhenDenied = false,
  disabledReason,
  children,
  disabled,
  ...buttonProps
}: PermissionButtonProps) {
  const { loading, allowed } = usePermission({ permission, resourceRef });
  if (!loading && !allowed && hideWhenDenied) return null;
  const denied = !loading && !allowed;
  const reason = denied ? deniedReason : disabledReason;
  const button = (
    <Button {...buttonProps} disabled={loading || denied || disabled}>
      {children}
    </Button>
  );
  if (!reason || !(denied || disabled)) return button;
  return (
    <Tooltip title={reason}>
      {/* A disabled button fires no events; the span carries the tooltip. */}
      <span>{button}</span>
    </Tooltip>
  );
}
