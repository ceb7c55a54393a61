/**
 * The example values the documentation uses, and what the snippet test puts in their place
 * when it runs a block. Pages use these exact values, so a reader sees realistic ids and the
 * test can run the very text the reader copies. docs/webhooks/README.md lists them.
 */

/** Placeholders in the pages, each replaced by the real value of the same key. */
const exampleValues = {
	dashboardUrl: "https://dokploy.example.com",
	adminEmail: "admin@example.com",
	adminPassword: "your-password",
	projectId: "Pj4nM9sQe0LbUa6HdK2rW",
	applicationId: "k3Rq8ZpLw2VnXc7TfY1bA",
	composeId: "Cm5tY8wQ2zR7kP1vN4xJd",
	webhookId: "c6YKJuGk6W3dL62qIsVo9",
	deliveryId: "UFg-GUY08GuhqlPXfCYrF",
	deploymentId: "Dx5tG7hJ2kL9mN0pQ3rS4",
	receiverOrigin: "https://hooks.example.com",
} as const;

export type ExampleValues = { [key in keyof typeof exampleValues]: string };

/** Replaces every example value in a snippet by the real one. */
export const withRealValues = (code: string, real: ExampleValues) =>
	(Object.keys(exampleValues) as Array<keyof ExampleValues>).reduce(
		(text, key) => text.replaceAll(exampleValues[key], real[key]),
		code,
	);

/**
 * Variables a snippet may expect from the reader's shell rather than from the product: the
 * test sets them, and the drift test accepts them as documented names that no code reads.
 */
export const snippetVariables = [
	"DOKPLOY_URL",
	"DOKPLOY_API_KEY",
	"DOKPLOY_WEBHOOK_SECRET",
	"DOKPLOY_SIGNATURE",
	"WEBHOOK_URL",
] as const;
