/**
 * The private services the fault suite stops and starts: a PostgreSQL cluster (initdb, pg_ctl,
 * run as the postgres user when we are root) and a redis-server with an append-only file, so
 * that a restart keeps its data as a production Redis would.
 */
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "../__test__/free-port";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pgBin = () => {
	const root = "/usr/lib/postgresql";
	const version = readdirSync(root).sort().at(-1);
	if (!version) throw new Error("PostgreSQL is not installed");
	return path.join(root, version, "bin");
};

const asPostgres = (command: string, args: string[]) => {
	const root = process.getuid?.() === 0;
	const [file, argv] = root
		? ["runuser", ["-u", "postgres", "--", command, ...args]]
		: [command, args];
	execFileSync(file, argv, { stdio: "ignore" });
};

export const startPostgres = async (dir: string) => {
	const bin = pgBin();
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	if (process.getuid?.() === 0) {
		const { uid, gid } = userIds("postgres");
		chownSync(dir, uid, gid);
	}
	const data = path.join(dir, "data");
	asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres"]);
	const ctl = (action: "start" | "stop" | "restart") =>
		asPostgres(path.join(bin, "pg_ctl"), [
			"-D",
			data,
			"-l",
			path.join(dir, "pg.log"),
			"-w",
			"-m",
			"fast",
			"-o",
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
			action,
		]);
	ctl("start");
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		restart: () => ctl("restart"),
		stop: () => ctl("stop"),
		start: () => ctl("start"),
	};
};

const userIds = (name: string) => {
	const line = execFileSync("getent", ["passwd", name], { encoding: "utf8" });
	const [, , uid, gid] = line.split(":");
	return { uid: Number(uid), gid: Number(gid) };
};

export const startRedis = async (dir: string) => {
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	const pidFile = path.join(dir, "redis.pid");
	const start = async () => {
		execFileSync("redis-server", [
			"--daemonize",
			"yes",
			"--port",
			String(port),
			"--bind",
			"127.0.0.1",
			"--dir",
			dir,
			"--pidfile",
			pidFile,
			"--logfile",
			path.join(dir, "redis.log"),
			"--save",
			"",
			"--appendonly",
			"yes",
			"--appendfsync",
			"always",
		]);
		for (let i = 0; i < 100 && !(await answers(port)); i++) await sleep(100);
	};
	const stop = async () => {
		execFileSync("redis-cli", ["-p", String(port), "shutdown", "nosave"], { stdio: "ignore" });
		while (existsSync(pidFile)) await sleep(100);
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, start, stop };
};

const answers = (port: number) =>
	new Promise<boolean>((resolve) => {
		const ping = spawn("redis-cli", ["-p", String(port), "ping"], {
			stdio: ["ignore", "pipe", "ignore"],
		});
		let out = "";
		ping.stdout.on("data", (chunk: Buffer) => {
			out += chunk.toString();
		});
		ping.on("exit", () => resolve(out.includes("PONG")));
	});
