namespace Fabricish.Orderer.MsgProcessor;

public enum ConfigItemKind
{
    Group,
    Value,
    Policy,
}
