using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Configuration;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw config validate FILE</c> and <c>edgegw config show [FILE]</c>.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var validateFile = new Argument<string>("FILE") { Description = "Configuration file to check" };
        var validate = new Command("validate", "Check a configuration file; lists every error by path, exit code 2 if any") { validateFile };
        validate.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(validateFile)!;
            var loaded = GatewayConfigLoader.Load(path);
            if (!loaded.IsValid)
            {
                await WriteErrorsAsync(path, loaded.Errors);
                return ExitCodes.InvalidConfig;
            }

            Console.WriteLine($"{path}: valid ({loaded.Options!.Devices.Count} devices)");
            return ExitCodes.Ok;
        });

        var showFile = new Argument<string>("FILE") { Description = "Configuration file", DefaultValueFactory = _ => CliOptions.DefaultConfigPath };
        var show = new Command("show", "Print the effective configuration, defaults filled in; secret files are named, never read out") { showFile };
        show.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(showFile)!;
            var loaded = GatewayConfigLoader.Load(path);
            if (!loaded.IsValid)
            {
                await WriteErrorsAsync(path, loaded.Errors);
                return ExitCodes.InvalidConfig;
            }

            Console.WriteLine(JsonSerializer.Serialize(loaded.Options!, AdminJson.Info<GatewayOptions>(AdminJson.Indented)));
            foreach (var (key, secretPath) in SecretFiles(loaded.Options!))
            {
                await Console.Error.WriteLineAsync($"secret {key}: {secretPath} ({SecretFileState(secretPath)}; contents not shown)");
            }

            return ExitCodes.Ok;
        });

        return new Command("config", "Check and show configuration files") { validate, show };
    }

    public static async Task WriteErrorsAsync(string path, IReadOnlyList<ConfigError> errors)
    {
        await Console.Error.WriteLineAsync($"{path}: {errors.Count} error{(errors.Count == 1 ? "" : "s")}");
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"  {error}");
        }
    }

    private static IEnumerable<(string Key, string Path)> SecretFiles(GatewayOptions options)
    {
        if (options.Cloud.Mqtt is { } mqtt)
        {
            if (mqtt.PasswordFile is { } password)
            {
                yield return ("cloud.mqtt.passwordFile", password);
            }

            if (mqtt.ClientKeyFile is { } key)
            {
                yield return ("cloud.mqtt.clientKeyFile", key);
            }
        }
    }

    private static string SecretFileState(string path)
    {
        if (!File.Exists(path))
        {
            return "missing";
        }

        var mode = File.GetUnixFileMode(path);
        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        return (mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0 ? $"mode {octal}: TOO OPEN, others can read it" : $"present, mode {octal}";
    }
}
