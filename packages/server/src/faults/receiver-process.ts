/**
 * The fault suite's HTTPS receiver, in a process of its own so that the product's processes can
 * be killed without touching it. It tells its parent (over IPC) the CA file once it listens,
 * then every request's webhook-id and the status it answered. `{ failing: true }` from the
 * parent makes it answer 500 until `{ failing: false }`.
 */
import { respondWith, startReceiver } from "../webhooks/__test__/receiver";

const send = (message: unknown) => process.send?.(message);
const receiver = await startReceiver(process.env.FAULTS_DIR ?? "/tmp");
let failing = false;
receiver.respond((request, response, index) => {
	const status = failing ? 500 : 200;
	send({ kind: "request", id: request.headers["webhook-id"] ?? "", status, index });
	respondWith(status)(request, response, index);
});
process.on("message", (message: { failing?: boolean }) => {
	if (typeof message.failing === "boolean") failing = message.failing;
});
// Never outlive the suite, even when it crashes.
process.on("disconnect", () => process.exit(0));
send({ kind: "ready", caFile: receiver.caFile, url: receiver.url("/faults") });
