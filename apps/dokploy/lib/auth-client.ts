/**
 * better-auth in the browser: sign-up, sign-in, sign-out and the organization plugin. The
 * api-key client plugin lives in @better-auth/api-key, which this app does not depend on yet;
 * API keys are only used by scripts (the `x-api-key` header), not by these pages.
 */
import { organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [organizationClient()] });
