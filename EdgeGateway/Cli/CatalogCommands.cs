using System.CommandLine;
using System.Globalization;
using EdgeGateway.Admin;
using EdgeGateway.Stock;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>edgegw catalog import FILE.csv</c> and <c>edgegw catalog list</c> (docs/catalog.md): the file is
/// checked here first, so a technician sees every bad line without a daemon; the rows then go to the
/// daemon in one admin request, and it replaces its catalog atomically.
/// </summary>
internal static class CatalogCommands
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Catalog CSV: gtin,name,lot,expiry,serials (docs/catalog.md)" };
        var importSocket = CliOptions.Socket();
        var import = new Command("import", "Replace the daemon's product catalog with a CSV file; nothing is imported if any line is bad (exit code 2)") { file, importSocket };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"edgegw: cannot read {path}: {e.Message}");
                return ExitCodes.InvalidConfig;
            }

            var (rows, parseErrors) = CatalogCsv.Parse(text);
            var errors = parseErrors.Count > 0 ? parseErrors : CatalogImport.Validate(rows).Errors;
            if (errors.Count > 0)
            {
                await Console.Error.WriteLineAsync($"{path}: {errors.Count} bad line{(errors.Count == 1 ? "" : "s")}; nothing imported");
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"  {path}:{error.Line}: {error.Reason}");
                }

                return ExitCodes.InvalidConfig;
            }

            var payload = AdminJson.ToElement(new CatalogImportRequest(rows));
            return await DaemonRequest.AskAsync(parse.GetValue(importSocket)!, new AdminRequest("catalog.import", Payload: payload), result =>
            {
                var summary = AdminJson.Read<CatalogImportSummary>(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: imported {summary.Entries} lots of {summary.Products} products ({summary.SerialEntries} listing serials, {summary.LotEntries} covering the rest of their GTIN); the previous catalog had {summary.Replaced}"));
            }, cancellationToken);
        });

        var json = CliOptions.Json();
        var listSocket = CliOptions.Socket();
        var list = new Command("list", "The daemon's product catalog, one line per lot") { json, listSocket };
        list.SetAction(async (parse, cancellationToken) =>
            await DaemonRequest.QueryAsync(parse, listSocket, json, new AdminRequest("catalog.list"), result =>
            {
                var listing = AdminJson.Read<CatalogListing>(result);
                var table = new Table().Title("product catalog").AddColumns(new TableColumn("GTIN").NoWrap(), new TableColumn("product"), new TableColumn("lot"), new TableColumn("expiry").NoWrap(), new TableColumn("serials"));
                foreach (var row in listing.Entries)
                {
                    table.AddRow(row.Gtin, Markup.Escape(row.Name), Markup.Escape(row.Lot), row.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        row.Serials.Length == 0 ? "[dim]all others[/]" : Markup.Escape(row.Serials));
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(listing.Problem is { } problem ? $"[red]{Markup.Escape(problem)}[/]"
                    : listing.ImportedAt is { } at ? $"imported {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "never imported: edgegw catalog import FILE.csv");
            }, cancellationToken));

        return new Command("catalog", "The product catalog (GTIN, lot, expiry) behind stock levels and expiry alarms") { import, list };
    }
}
