import { nameSchema } from "@dokploy/server/db/schema/shared";
import { z } from "zod";

/** better-auth is configured with a minimum password length of 8. */
const PASSWORD_MIN_LENGTH = 8;

export const signInSchema = z.object({
	email: z.email("Enter a valid email address"),
	password: z.string().min(1, "Enter your password"),
});

export const signUpSchema = z.object({
	name: nameSchema,
	email: z.email("Enter a valid email address"),
	password: z
		.string()
		.min(PASSWORD_MIN_LENGTH, `The password needs at least ${PASSWORD_MIN_LENGTH} characters`)
		.max(128, "The password must be at most 128 characters"),
});

export type SignInValues = z.infer<typeof signInSchema>;
export type SignUpValues = z.infer<typeof signUpSchema>;
