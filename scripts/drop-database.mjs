// Drops a database made by create-database.mjs: node drop-database.mjs <admin-url> <name>
import postgres from "../packages/server/node_modules/postgres/src/index.js";

const [adminUrl, name] = process.argv.slice(2);
if (!adminUrl || !/^[a-z0-9_]+$/.test(name ?? "")) {
	console.error("usage: drop-database.mjs <admin-url> <name>");
	process.exit(2);
}
const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
try {
	await sql.unsafe(`drop database if exists "${name}" with (force)`);
} finally {
	await sql.end();
}
