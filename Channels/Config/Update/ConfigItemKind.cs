namespace Fabricish.Channels.Config.Update;

public enum ConfigItemKind
{
    Group,
    Value,
    Policy,
}
