/**
 * "How to verify": what a receiver gets and a short Node snippet with the standardwebhooks
 * library, which checks the webhook-* headers. The code stays in English: it is code.
 */
import { useTranslation } from "next-i18next/pages";
import { CopyButton } from "./copy-button";

const DOCS_URL = "https://github.com/Dokploy/dokploy/blob/canary/docs/webhooks/signatures.md";

const headers = [
	["X-Dokploy-Event", "verify.headerEvent"],
	["X-Dokploy-Delivery", "verify.headerDelivery"],
	["X-Dokploy-Signature", "verify.headerSignature"],
	["webhook-id", "verify.headerStandardId"],
	["webhook-timestamp", "verify.headerStandardTimestamp"],
	["webhook-signature", "verify.headerStandardSignature"],
] as const;

const snippet = `import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.DOKPLOY_WEBHOOK_SECRET); // whsec_...

// rawBody: the request body exactly as received (a string, not parsed JSON)
const event = wh.verify(rawBody, {
  "webhook-id": req.headers["webhook-id"],
  "webhook-timestamp": req.headers["webhook-timestamp"],
  "webhook-signature": req.headers["webhook-signature"],
}); // throws when the signature or the timestamp is wrong
`;

export const VerifyHelp = () => {
	const { t } = useTranslation("webhook");
	return (
		<details className="rounded-md border p-4" data-testid="verify-help">
			<summary className="cursor-pointer font-medium">{t("verify.title")}</summary>
			<div className="mt-3 flex flex-col gap-3 text-sm">
				<p className="text-muted-foreground">{t("verify.description")}</p>
				<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
					{headers.map(([name, key]) => (
						<div key={name} className="contents">
							<dt className="font-mono text-xs" dir="ltr">
								{name}
							</dt>
							<dd className="text-xs text-muted-foreground">{t(key)}</dd>
						</div>
					))}
				</dl>
				<div className="flex items-center justify-between gap-2">
					<span>{t("verify.snippet")}</span>
					<CopyButton text={snippet} />
				</div>
				<pre className="overflow-x-auto rounded bg-muted p-3 font-mono text-xs" dir="ltr">
					{snippet}
				</pre>
				<a href={DOCS_URL} target="_blank" rel="noreferrer" className="text-sm underline">
					{t("verify.docs")}
				</a>
			</div>
		</details>
	);
};
