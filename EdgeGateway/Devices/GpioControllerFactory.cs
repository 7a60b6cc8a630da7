using System.Device.Gpio;

namespace EdgeGateway.Devices;

/// <summary>Opens the controller of a GPIO chip: libgpiod on a real box, the simulated driver in the demo.</summary>
public delegate GpioController GpioControllerFactory(int chip);
