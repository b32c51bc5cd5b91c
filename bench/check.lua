-- check.lua - wrk script for bench/http.sh: POST one 280-character draft to
-- /v1/check, as the page does on each pause in typing.
local text = "Long day. Visited a family on the estate this morning with Mrs Doreen Pike's " ..
  "neighbour, then 27 Withywood Road at two. Call 07700 900123 if you need me; " ..
  "email is doreen.pike@example.com. Honestly the council's new rota is a joke and " ..
  "I am shattered, but the kids were lovely. More tomorrow x"
text = string.sub(text .. string.rep(" ok", 100), 1, 280)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text":"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"}'

done = function(summary, latency, requests)
  io.write(string.format("tact-http: requests=%d errors=%d non2xx=%d\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
  io.write(string.format("tact-http: p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
