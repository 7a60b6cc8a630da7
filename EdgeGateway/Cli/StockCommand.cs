using System.CommandLine;
using System.Globalization;
using EdgeGateway.Admin;
using EdgeGateway.Stock;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw stock [--json]</c>: unique tagged items per location and product, against their minimums.</summary>
internal static class StockCommand
{
    public static Command Create()
    {
        var json = CliOptions.Json();
        var socket = CliOptions.Socket();
        var command = new Command("stock", "Unique tagged items per location and product (GTIN), with minimum and nearest expiry") { json, socket };
        command.SetAction(async (parse, cancellationToken) =>
            await DaemonRequest.QueryAsync(parse, socket, json, new AdminRequest("stock"), result =>
            {
                var report = AdminJson.Read<StockReport>(result);
                var table = new Table().Title("stock").AddColumns(new TableColumn("location"), new TableColumn("GTIN").NoWrap(), new TableColumn("product"), new TableColumn("count"), new TableColumn("minimum"), new TableColumn("nearest expiry"));
                foreach (var level in report.Levels)
                {
                    var count = level.Count.ToString(CultureInfo.InvariantCulture);
                    var expiry = level.NearestExpiry is { } date ? $"{date:yyyy-MM-dd} (lot {Markup.Escape(level.NearestLot ?? "")})" : "-";
                    if (level.Uncatalogued > 0)
                    {
                        expiry += $" [dim]{level.Uncatalogued} not in catalog[/]";
                    }

                    table.AddRow(Markup.Escape(level.Location), level.Gtin, Markup.Escape(level.Name ?? "-"),
                        level.BelowMinimum ? $"[red]{count}[/]" : count,
                        level.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-", expiry);
                }

                if (report.Levels.Count == 0)
                {
                    table.AddRow("none", "", "", "", "", "");
                }

                AnsiConsole.Write(table);
                if (report.UnmappedReadings + report.NotSgtinReadings > 0)
                {
                    AnsiConsole.MarkupLine($"ignored since start: {report.UnmappedReadings} reads from unmapped antennas, {report.NotSgtinReadings} non-SGTIN EPCs");
                }

                if (report.CatalogProblem is { } problem)
                {
                    AnsiConsole.MarkupLine($"[red]catalog: {Markup.Escape(problem)}[/]");
                }
            }, cancellationToken));
        return command;
    }
}
