"""The benchmark table, printed and written into docs/benchmarks.md between markers (the
analysis written by hand around it is kept)."""

from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _verdict(row) -> str:
    measure, flow = row["measure"], row["flow"]
    if measure.skipped:
        return measure.skipped
    if measure.errors:
        return f"{measure.errors} server errors"
    if not measure.samples:
        return f"no successful response: {dict(measure.statuses)}"
    floor = (row["page_floor"].p95 or 0) + (row.get("sql_floor") or 0)
    ratio = measure.p95 / floor if floor and measure.p95 else None
    parts = []
    if flow.target_ms is not None:
        parts.append("target met" if measure.p95 <= flow.target_ms else "TARGET MISSED")
    if flow.target_p50_ms is not None:
        parts.append("target met (p50)" if measure.p50 <= flow.target_p50_ms
                     else "TARGET MISSED (p50)")
    if ratio is not None:
        parts.append(f"{ratio:.1f}× floor" + ("" if ratio <= 3 else " (over 3×)"))
    return ", ".join(parts)


def _statements(count) -> str:
    return "" if count is None else f" ({count})"


def _busy(measure) -> str:
    if measure is None or not measure.samples:
        return "—"
    return f"{_ms(measure.p50)} / {_ms(measure.p95)}, {measure.throughput:.1f}"


def table(run: dict) -> str:
    info = run["info"]
    lines = [
        f"### {run['label']}: {info.get('people')} people, {info.get('events')} timeline events"
        f" (generated in {info.get('generation_seconds', '?')} s); case page on cases with "
        f"≥ {info.get('heavy_events')} events"
        + (" · CPU check (a fixed Python loop; lower is faster) before / after: "
           f"{info['calibration'][0]:.0f} / {info['calibration'][-1]:.0f} ms"
           if info.get("calibration") else ""),
        "",
        "| request | target p95 | p50 ms | p95 ms | req/s | floor page p50 / p95 ms "
        "| floor SQL p50 ms (statements) | verdict | 2× clients: p50 / p95 ms, req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for row in run["rows"]:
        m, flow, floor = row["measure"], row["flow"], row["page_floor"]
        throughput = "—" if m.throughput is None else f"{m.throughput:.1f}"
        target = ("—" if flow.target_ms is None else f"{flow.target_ms:.0f}") if (
            flow.target_p50_ms is None) else f"p50 {flow.target_p50_ms:.0f}"
        lines.append(
            f"| {flow.name} | {target} | {_ms(m.p50)} | {_ms(m.p95)} | {throughput} "
            f"| {_ms(floor.p50)} / {_ms(floor.p95)} | {_ms(row.get('sql_floor'))}"
            f"{_statements(row.get('statements'))} "
            f"| {_verdict(row)} | {_busy(row.get('busy'))} |")
    for row in run["rows"]:
        if row.get("sql_error"):
            lines.append(f"\nFloor SQL of {row['flow'].name} not measured: {row['sql_error']}")
    soak = run.get("soak")
    if soak:
        result = soak["result"]
        lines += ["", f"Soak, 8 clients: {sum(result.statuses.values())} requests, "
                  f"{result.server_errors} server errors, {len(result.failures)} failed steps, "
                  f"writes acknowledged {dict(result.done)}; "
                  f"count check: {'; '.join(soak.get('problems') or []) or 'all present once'}"
                  + (f"; integrity_check: {soak['integrity']}" if soak.get("integrity") else "")]
        if result.failures:
            lines.append("First failures: " + "; ".join(result.failures[:3]))
    if run.get("digest"):
        lines += ["", run["digest"].line()]
    errors = run.get("server_errors") or []
    if errors:
        lines.append(f"\nServer error log: {len(errors)} entries, first: "
                     f"`{errors[0].strip().splitlines()[-1][:200]}`")
    return "\n".join(lines)


def scale_table(small: dict, large: dict) -> str:
    """Each row's times on the smaller and the larger database of one engine, and the ratio."""
    people = small["info"].get("people"), large["info"].get("people")
    lines = [f"### {large['label']}: from {people[0]} to {people[1]} people (`--scale`)", "",
             f"| request | p95 ms at {people[0]} | p95 ms at {people[1]} | p95 ratio "
             "| p50 ratio | bound | verdict |",
             "|---|---:|---:|---:|---:|---:|---|"]
    before = {row["flow"].name: row["measure"] for row in small["rows"]}
    for row in large["rows"]:
        flow, after = row["flow"], row["measure"]
        earlier = before.get(flow.name)
        if earlier is None or not earlier.samples or not after.samples:
            continue
        p95, p50 = after.p95 / earlier.p95, after.p50 / earlier.p50
        bound = "—" if flow.scale_bound is None else f"{flow.scale_bound:.1f}×"
        # On p50: a p95 of 150 requests moves by more than a tenth between two runs.
        verdict = "—" if flow.scale_bound is None else (
            "bound met (p50)" if p50 <= flow.scale_bound else "BOUND MISSED (p50)")
        lines.append(f"| {flow.name} | {_ms(earlier.p95)} | {_ms(after.p95)} | {p95:.2f}× "
                     f"| {p50:.2f}× | {bound} | {verdict} |")
    return "\n".join(lines)


def _server(env: dict) -> str:
    server = env.get("server") or {"workers": 2, "threads": 4}
    if server["threads"] == 1:
        return f"{server['workers']} sync workers"
    return f"{server['workers']} workers × {server['threads']} threads"


def write_report(path: str, runs: list[dict], environment: dict,
                 scales: tuple[tuple[dict, dict], ...] = ()) -> str:
    body = "\n\n".join([*(table(run) for run in runs),
                         *(scale_table(small, large) for small, large in scales)])
    env = environment
    header = (f"Measured {env['date']} on {env['cpus']} CPUs (load average before the report "
              f"{env['load'][0]:.1f} / {env['load'][1]:.1f} / {env['load'][2]:.1f}), Python "
              f"{env['python']}, SQLite {env['sqlite']}, {env['clients']} concurrent clients per "
              f"request (one per CPU; last column: twice as many), gunicorn {_server(env)} on 127.0.0.1; run took "
              f"{env['minutes']} min.")
    block = f"{BEGIN}\n{header}\n\n{body}\n{END}"
    target = Path(path)
    text = target.read_text() if target.exists() else (
        "# Benchmarks\n\nWritten by `make bench` (bench/run.py); see the notes below the table."
        f"\n\n{BEGIN}\n{END}\n")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text += "\n" + block + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return block
