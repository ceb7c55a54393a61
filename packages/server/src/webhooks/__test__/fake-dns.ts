/** A scripted DNS and a way to catch the URL guard's refusals, for the URL guard's tests. */
import { isIP } from "node:net";
import { parseAllowlist } from "../url-allowlist";
import { assertWebhookUrl, type ResolveHost, WebhookUrlError } from "../url-guard";

export const dnsError = (code: string) =>
	Object.assign(new Error(`lookup failed: ${code}`), { code });

/** A DNS that knows only the given names; every other name does not exist. */
export const fakeDns =
	(records: Record<string, string[]>): ResolveHost =>
	async (hostname) => {
		const addresses = records[hostname];
		if (!addresses) throw dnsError("ENOTFOUND");
		return addresses.map((address) => ({ address, family: isIP(address) }));
	};

export const publicDns = fakeDns({
	"example.com": ["93.184.216.34"],
	"v6.example": ["2606:4700:4700::1111"],
	"localhost.example": ["127.0.0.1", "::1"],
	"internal.example": ["10.0.0.5"],
	"metadata.example": ["169.254.169.254"],
	"mixed.example": ["93.184.216.34", "10.0.0.5"],
	"mixed-v6.example": ["2606:4700:4700::1111", "fd00::1"],
	"mapped.example": ["::ffff:10.0.0.1"],
	"nat64.example": ["64:ff9b::10.0.0.1"],
	"ula.example": ["fd00:ec2::254"],
	"garbage.example": ["not-an-address"],
	"empty.example": [],
});

export const noAllowlist = parseAllowlist(undefined);

export const refusalOf = async (
	raw: string,
	resolve: ResolveHost = publicDns,
	allowlist = noAllowlist,
): Promise<WebhookUrlError> => {
	try {
		await assertWebhookUrl(raw, { allowlist, resolve });
	} catch (error) {
		if (error instanceof WebhookUrlError) return error;
		throw error;
	}
	throw new Error(`${raw} was accepted but should have been refused`);
};
