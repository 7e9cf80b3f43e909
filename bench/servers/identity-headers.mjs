// The 200 /validate sends for the bench's caller and tool (eight X- identity headers, cache-control,
// content-length): what the baseline servers answer to tell the cost of writing them from deciding them.
export const IDENTITY = ['x-user', 'bench-user', 'x-username', 'bench-user', 'x-client-id', 'bench-web-client', 'x-scopes', 'time-readers fin-list team-1', 'x-groups', 'bench-users mcp-team-1', 'x-auth-method', 'cognito', 'x-server-name', 'currenttime', 'x-tool-name', 'current_time_by_timezone', 'cache-control', 'no-store', 'content-length', '0']
