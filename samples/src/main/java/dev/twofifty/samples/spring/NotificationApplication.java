package dev.twofifty.samples.spring;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that sends welcome mails through Spring's {@code JavaMailSender}, configured
 * by the usual {@code spring.mail.*} properties ({@code application.properties}). Its test,
 * {@code WelcomeMailServiceTest}, runs it whole against a fake server; started with
 * {@code --welcome=ADDRESS} it sends one welcome mail, for example to the standalone server
 * ({@code --spring.mail.port=2525}).
 */
@SpringBootApplication
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    /** With {@code --welcome=ADDRESS}, sends one welcome mail at start-up. */
    @Bean
    ApplicationRunner welcomeFromCommandLine(WelcomeMailService welcomeMails) {
        return arguments -> {
            if (arguments.containsOption("welcome")) {
                for (String address : arguments.getOptionValues("welcome")) {
                    welcomeMails.sendWelcome(address, "new user");
                }
            }
        };
    }
}
