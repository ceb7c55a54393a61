import { z } from "zod";

/** Shared with the invite form. Owners are made at sign-up, never invited. */
export const apiInviteMember = z.object({
	email: z.email("Enter a valid email address").max(254),
	role: z.enum(["admin", "member"]).default("member"),
});
