using EdgeGateway.Cli;

return await EdgegwCli.InvokeAsync(args);
