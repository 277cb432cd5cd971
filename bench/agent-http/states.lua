-- Flips agents b0..b(N-1) between Ready and NotReady, round after round, so every request is a
-- real state change: with one wrk thread the order is fixed, and an agent's next request comes
-- N requests later, long after its previous one was answered (N is far above the connections).
local token, agents, n

init = function(args)
  token = args[1]
  agents = tonumber(args[2])
  n = 0
end

request = function()
  local agent = n % agents
  local round = math.floor(n / agents)
  n = n + 1
  local state = (round % 2 == 0) and "Ready" or "NotReady"
  return wrk.format("PUT", "/api/v1/agents/b" .. agent .. "/state",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"state":"' .. state .. '"}')
end
