// The dashboard's only script: progressive enhancement. Pages work without it; with it, a
// task page follows its task's WebSocket (timeline, live regions, resume without loss),
// dialogs open modally, keys copy, and destructive actions ask first.
(() => {
  const LABELS = {
    "task.created": "Task posted",
    "task.updated": "Task updated",
    "task.cancelled": "Task cancelled",
    "task.deadline_passed": "Deadline passed: the task is late",
    "task.progress": "Progress report",
    "claim.created": "New claim",
    "claim.accepted": "Claim accepted",
    "claim.rejected": "Claim rejected",
    "claim.withdrawn": "Claim withdrawn",
    "claim.lease_expired": "Lease expired: the task reopened",
    "deliverable.submitted": "Deliverable submitted",
    "deliverable.accepted": "Deliverable accepted: task completed",
    "deliverable.revision_requested": "Revision requested",
    "deliverable.rejected": "Deliverable rejected",
    "review.completed": "Reviewer finished",
    "subtask.created": "Subtask posted",
    "subtask.settled": "Subtask ended",
    "swarm.call_requested": "Swarm asked its LLM",
    "swarm.call_finished": "Swarm's LLM answered",
    "swarm.planned": "Swarm planned",
    "swarm.part_posted": "Swarm part posted",
    "swarm.part_failed": "Swarm part failed: a fix is asked for",
    "swarm.stopped": "Swarm stopped: the task is yours to decide",
  };

  // Swarm events carry their own words (a part's key, a call's kind and outcome).
  function describeSwarm(type, d) {
    const call = d.kind ? `${d.kind}${d.part_key ? ` of ${d.part_key}` : ""}, round ${d.round}` : "";
    if (type === "swarm.call_requested") return call;
    if (type === "swarm.call_finished") {
      const cost = typeof d.cost_micro_usd === "number" ? ` · $${(d.cost_micro_usd / 1e6).toFixed(4)}` : "";
      return `${call} · ${d.outcome} · key: ${d.key_source}${cost}`;
    }
    if (type === "swarm.planned") {
      const keys = (d.parts || []).map((part) => part.key).join(", ");
      return d.fix_of ? `replacing ${d.fix_of}: ${keys}` : `${(d.parts || []).length} parts: ${keys}`;
    }
    if (type === "swarm.part_posted") return `${d.key} as task ${d.subtask_id}, ${d.budget_credits} credits`;
    if (type === "swarm.part_failed") return `${d.key} (task ${d.subtask_id})`;
    if (type === "swarm.stopped") return String(d.reason);
    return "";
  }

  function describe(event) {
    const d = event.data || {};
    if (String(event.type).startsWith("swarm.")) return describeSwarm(event.type, d);
    const parts = [];
    if (d.agent_name) parts.push(String(d.agent_name));
    else if (d.agent_id) parts.push(`agent ${d.agent_id}`);
    if (d.proposed_credits) parts.push(`${d.proposed_credits} credits`);
    if (d.revision_number) parts.push(`revision ${d.revision_number}`);
    if (d.status && event.type === "task.updated") parts.push(`now ${String(d.status).replace("_", " ")}`);
    if (d.result) parts.push(`verdict ${d.result}`);
    if (typeof d.progress === "number") parts.push(`${d.progress}% done`);
    if (d.note) parts.push(String(d.note));
    if (d.reason === "deadline") parts.push("its deadline passed");
    if (d.auto_accepted) parts.push("accepted automatically");
    if (d.subtask_id) parts.push(`task ${d.subtask_id}${d.outcome ? `, ${d.outcome}` : ""}`);
    return parts.join(" · ");
  }

  function followTask(root) {
    const taskId = root.dataset.taskLive;
    const renderedAt = Date.parse(root.dataset.renderedAt || "") || Date.now();
    const timeline = document.getElementById("timeline");
    const status = document.getElementById("live-status");
    let lastSeq = 0;
    let retry = 0;
    let refreshTimer = 0;
    let refreshFailures = 0;
    let socket = null;
    let reconnectTimer = 0;

    function setStatus(state, text) {
      if (!status) return;
      status.dataset.state = state;
      status.textContent = text;
    }

    function append(event) {
      if (!timeline) return;
      const empty = timeline.querySelector("[data-empty]");
      if (empty) empty.remove();
      const li = document.createElement("li");
      li.dataset.seq = String(event.seq);
      const what = document.createElement("strong");
      what.textContent = LABELS[event.type] || event.type;
      const detail = describe(event);
      const when = document.createElement("time");
      when.dateTime = event.occurred_at;
      when.className = "muted small";
      when.textContent = ` ${new Date(event.occurred_at).toLocaleString()}`;
      li.append(what);
      if (detail) li.append(document.createTextNode(` — ${detail}`));
      li.append(when);
      timeline.append(li);
    }

    // Re-read the page and swap its live regions: the server renders them from the same API,
    // so what appears is exactly what a reload would show. Typed text survives the swap.
    async function refresh() {
      const response = await fetch(location.href, { headers: { accept: "text/html" }, credentials: "same-origin" });
      // A page whose reads failed answers with their status: keep what is shown (never swap a
      // list for its failure), say it is stale, and try again a few times.
      if (!response.ok) {
        refreshFailures += 1;
        setStatus("stale", `Not up to date (the page could not be read: HTTP ${response.status}); reload to retry`);
        if (refreshFailures <= 3) {
          clearTimeout(refreshTimer);
          refreshTimer = setTimeout(() => void refresh(), 2000 * refreshFailures);
        }
        return;
      }
      if (refreshFailures > 0 && socket && socket.readyState === WebSocket.OPEN) setStatus("live", "Live");
      refreshFailures = 0;
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const region of document.querySelectorAll("[data-region]")) {
        const fresh = next.getElementById(region.id);
        if (!fresh) continue;
        const typed = new Map();
        for (const input of region.querySelectorAll("textarea[name], input[type=text][name]")) {
          if (input.value) typed.set(`${input.closest("form")?.action}|${input.name}`, input.value);
        }
        region.replaceWith(fresh);
        for (const input of fresh.querySelectorAll("textarea[name], input[type=text][name]")) {
          const value = typed.get(`${input.closest("form")?.action}|${input.name}`);
          if (value) input.value = value;
        }
        enhance(fresh);
      }
      document.dispatchEvent(new CustomEvent("taskhive:refreshed"));
    }

    function scheduleRefresh() {
      clearTimeout(refreshTimer);
      // The room publishes before its projection lands in D1; a short pause lets it land.
      refreshTimer = setTimeout(() => void refresh(), 300);
    }

    function connect() {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      clearTimeout(reconnectTimer);
      const ws = new WebSocket(`${scheme}//${location.host}/api/v1/tasks/${taskId}/live?since=${lastSeq}`);
      socket = ws;
      const reconnecting = lastSeq > 0;
      ws.addEventListener("open", () => {
        retry = 0;
        setStatus("live", "Live");
        if (reconnecting) scheduleRefresh();
      });
      ws.addEventListener("message", (message) => {
        let event;
        try {
          event = JSON.parse(message.data);
        } catch {
          return;
        }
        if (typeof event.seq !== "number" || event.seq <= lastSeq) return;
        lastSeq = event.seq;
        append(event);
        // Events the rendered page may predate (clocks and the projection lag a little).
        if (Date.parse(event.occurred_at) > renderedAt - 5000) scheduleRefresh();
      });
      ws.addEventListener("close", () => {
        if (socket !== ws) return;
        setStatus("reconnecting", "Reconnecting…");
        retry += 1;
        clearTimeout(reconnectTimer);
        reconnectTimer = setTimeout(connect, Math.min(10000, 500 * 2 ** retry));
      });
    }

    // A socket may outlive the network silently; drop it when the browser goes offline and
    // resume (from the last event seen) as soon as it is back.
    addEventListener("offline", () => {
      const ws = socket;
      socket = null;
      if (ws) ws.close();
      setStatus("reconnecting", "Reconnecting…");
    });
    addEventListener("online", () => {
      retry = 0;
      if (!socket) connect();
    });
    connect();
  }

  function enhance(scope) {
    for (const button of scope.querySelectorAll("[data-copy]")) {
      button.addEventListener("click", async () => {
        const target = document.getElementById(button.dataset.copy);
        if (!target) return;
        try {
          await navigator.clipboard.writeText(target.textContent.trim());
          button.textContent = "Copied";
        } catch {
          const range = document.createRange();
          range.selectNodeContents(target);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          button.textContent = "Selected: press Ctrl+C";
        }
      });
    }
    for (const form of scope.querySelectorAll("form[data-confirm]")) {
      form.addEventListener("submit", (event) => {
        if (!confirm(form.dataset.confirm)) event.preventDefault();
      });
    }
  }

  for (const dialog of document.querySelectorAll("dialog[open]")) {
    dialog.close();
    dialog.showModal();
  }
  // Lease and auto-accept countdowns tick every second; regions swapped in later are found on the next tick.
  function tick() {
    for (const el of document.querySelectorAll("[data-countdown]")) {
      const left = Math.round((Date.parse(el.dataset.countdown) - Date.now()) / 1000);
      if (Number.isNaN(left)) continue;
      if (left <= 0) {
        el.textContent = "(due now)";
        continue;
      }
      const h = Math.floor(left / 3600);
      const m = Math.floor((left % 3600) / 60);
      const s = left % 60;
      el.textContent = `(in ${h > 0 ? `${h}h ` : ""}${m}m ${s}s)`;
    }
  }
  tick();
  setInterval(tick, 1000);

  enhance(document);
  const root = document.querySelector("[data-task-live]");
  if (root) followTask(root);
})();
